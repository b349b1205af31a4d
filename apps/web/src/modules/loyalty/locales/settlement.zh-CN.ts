/** 会员 — settlement 文案（issue 5）。 */
const zh = {};
export default zh;
