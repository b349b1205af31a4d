/** 会员 — bonus 文案（issue 5）。 */
const zh = {};
export default zh;
