const zhCN = {
  menu: 'API密钥',
  title: 'API 密钥',
  intro: '供 ERP、官网表单等外部系统调用接口。每个密钥以一个角色的权限访问数据，请求头：Authorization: Bearer <密钥>。',
  field: {
    name: '名称',
    prefix: '密钥前缀',
    roleId: '角色',
    unitId: '所属单位',
    createdAt: '创建时间',
    lastUsedAt: '最近使用',
    status: '状态',
    revokedAt: '吊销时间',
    createdBy: '创建人',
  },
  status: {
    active: '有效',
    revoked: '已吊销',
  },
  action: {
    create: '新建密钥',
    revoke: '吊销',
  },
  modal: {
    create: '新建 API 密钥',
    created: '密钥已创建',
    warning: '请立即复制并妥善保存此密钥。关闭窗口后将无法再次查看，如丢失只能吊销后重新创建。',
    done: '我已保存',
  },
  confirm: {
    revoke: '确定吊销密钥「{{name}}」吗？',
    revokeContent: '吊销后使用该密钥的系统将立即无法访问，且不能恢复。',
  },
  message: {
    revoked: '已吊销',
  },
  neverUsed: '从未使用',
  empty: '还没有 API 密钥',
};
export default zhCN;
