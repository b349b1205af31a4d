const zhCN = {
  menu: '用户',
  title: '用户',
  field: {
    username: '用户名',
    displayName: '姓名',
    password: '密码',
    unitId: '所属单位',
    roleIds: '角色',
    status: '状态',
    phone: '手机号',
    email: '电子邮箱',
    supervisorId: '直属上级',
    lastLoginAt: '最近登录',
    locale: '界面语言',
    failedLogins: '连续登录失败次数',
    lockedUntil: '锁定至',
  },
  action: {
    create: '新建用户',
    resetPassword: '重置密码',
  },
  modal: {
    create: '新建用户',
    edit: '编辑用户',
    resetPassword: '重置「{{name}}」的密码',
    resetHint: '重置后该用户的所有登录会话将立即失效。',
    newPassword: '新密码',
  },
  confirm: {
    disable: '确定停用「{{name}}」吗？',
    disableContent: '停用后该用户将立即退出所有设备，无法再登录。',
    enable: '确定启用「{{name}}」吗？',
  },
  message: {
    disabled: '已停用',
    enabled: '已启用',
    passwordReset: '密码已重置',
  },
  searchPlaceholder: '搜索姓名或用户名',
  pickPlaceholder: '搜索并选择用户',
  neverLoggedIn: '从未登录',
};
export default zhCN;
