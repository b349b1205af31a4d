const zhCN = {
  menu: '事件投递',
  title: '业务事件与投递',
  intro: '订单付款、退货、请求升级等业务事件随业务变更一起写入，再逐一投递给积分、售后跟进等订阅方。投递失败会自动重试；多次失败的投递标记为“失败”，排除原因后可重新投递。',
  filter: { type: '事件类型', status: '投递状态', all: '全部' },
  column: { at: '发生时间', type: '事件', aggregate: '对象', deliveries: '投递', payload: '内容' },
  status: { pending: '待投递', delivered: '已投递', dead: '失败' },
  attempts: '已尝试 {{n}} 次',
  retry: '重新投递',
  retried: '已重新排队',
  more: '加载更多',
  empty: '没有事件',
};
export default zhCN;
