const zhCN = {
  menu: {
    work: '我的工作',
    customers: '客户',
    sales: '销售管理',
    members: '会员',
    orders: '订单与售后',
    service: '客户服务',
    system: '系统管理',
  },
  header: {
    unit: '所属单位',
    account: '账号',
  },
  notFound: {
    title: '页面不存在',
    back: '返回首页',
  },
  forbidden: {
    title: '无权访问此页面',
    subTitle: '请联系管理员为您的角色开通权限。',
  },
  loadFailed: {
    title: '加载失败',
    retry: '重试',
  },
  welcome: {
    title: '欢迎使用家客',
    noMenu: '您的账号还没有可用的功能，请联系管理员分配角色。',
  },
};
export default zhCN;
