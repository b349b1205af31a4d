/** 会员 — counter 文案（issue 5）。 */
const zh = {};
export default zh;
