/** 会员 — 下单时的会员折扣文案。 */
const zh = {
  title: '会员价',
  member: '会员 {{number}}',
  tier: '等级「{{name}}」{{percent}}% 优惠',
  card: '打折卡 {{number}} {{percent}}% 优惠',
  applies: '本单可享 {{rate}} 折（{{from}}，等级与打折卡不叠加，取优惠较大者）',
  fromTier: '按会员等级',
  fromCard: '按打折卡',
  none: '该会员当前没有会员折扣',
  notActive: '会员状态为「{{status}}」，不享受会员折扣',
  apply: '按会员折扣填入各行优惠',
  applied: '已按 {{rate}} 折填入 {{count}} 行的优惠金额',
  nothingToApply: '请先选择商品并填写单价',
};
export default zh;
