const zhCN = {
  menu: '自定义字段',
  title: '客户自定义字段',
  field: {
    key: '字段键',
    label: '显示名称',
    type: '类型',
    options: '选项',
    required: '必填',
    position: '排序',
    object: '所属对象',
  },
  action: {
    create: '新建字段',
  },
  modal: {
    create: '新建自定义字段',
    edit: '编辑自定义字段',
    keyHint: '用于导入导出与筛选（cf_键名），创建后不能修改',
    optionsHint: '输入选项后按回车添加',
    typeHint: '创建后不能修改类型',
  },
  confirm: {
    delete: '确定删除字段「{{label}}」吗？',
    deleteContent: '删除后表单和列表中不再显示该字段，已填写的值保留在历史记录中。',
  },
  empty: '还没有自定义字段，点击“新建字段”为客户增加门店需要的信息',
  optionsRequired: '单选/多选字段至少需要一个选项',
};
export default zhCN;
