const zhCN = {
  title: '登录家客',
  subtitle: '家具品牌与门店的客户管理系统',
  tenant: '企业代码',
  tenantPlaceholder: '例如 demo',
  username: '用户名',
  password: '密码',
  submit: '登录',
  logout: '退出登录',
  loggedOut: '已退出登录',
  failed: '登录失败',
};
export default zhCN;
