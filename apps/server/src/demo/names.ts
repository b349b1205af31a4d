import type { Rng } from './random.ts';

/** Common Chinese surnames, roughly by frequency, and given-name characters. */
export const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤欧阳司马诸葛';
const SINGLE_SURNAMES = [...SURNAMES.slice(0, SURNAMES.indexOf('欧阳'))];
const DOUBLE_SURNAMES = ['欧阳', '司马', '诸葛', '上官'];
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英文华建国红梅玉兰志强海燕晓东鹏辉婷雪琳宇浩子涵欣怡梓轩思远嘉怡一诺雨桐俊杰佳琪浩然子墨诗涵';

export function personName(r: Rng): string {
  const surname = r.chance(0.02) ? r.pick(DOUBLE_SURNAMES) : r.pick(SINGLE_SURNAMES);
  const len = r.chance(0.35) ? 1 : 2;
  let given = '';
  for (let i = 0; i < len; i++) given += GIVEN[r.int(0, GIVEN.length - 1)];
  return surname + given;
}

const COMPANY_PREFIX = ['华润', '万科', '碧桂园', '龙湖', '金地', '保利', '绿城', '星河', '华夏', '东方', '锦绣', '恒信', '嘉禾', '瑞丰'];
const COMPANY_KIND = ['装饰工程有限公司', '酒店管理有限公司', '地产开发有限公司', '物业服务有限公司', '设计咨询有限公司', '家居软装工作室', '商贸有限公司'];
export function companyName(r: Rng, city: string): string {
  return `${city}${r.pick(COMPANY_PREFIX)}${r.pick(COMPANY_KIND)}`;
}

/** Phone written the many ways staff type them; the product normalises them all. */
export function mobile(r: Rng): { digits: string; written: string } {
  const prefix = r.pick(['130', '131', '132', '135', '136', '137', '138', '139', '150', '151', '152', '158', '159', '166', '176', '177', '180', '186', '187', '188', '189', '199']);
  const digits = prefix + String(r.int(0, 99999999)).padStart(8, '0');
  const written = r.pick([
    digits,
    `${digits.slice(0, 3)} ${digits.slice(3, 7)} ${digits.slice(7)}`,
    `+86 ${digits}`,
    `${digits.slice(0, 3)}-${digits.slice(3, 7)}-${digits.slice(7)}`,
    `0086${digits}`,
  ]);
  return { digits, written };
}

export const STREETS = ['人民路', '解放路', '中山路', '建设路', '和平路', '新华路', '长江路', '滨江大道', '世纪大道', '科技园路', '湖滨路', '春晖路'];
export const COMMUNITIES = ['阳光花园', '翡翠湾', '金色家园', '碧水云天', '御景华庭', '书香名邸', '滨江一号', '锦绣江南', '紫荆苑', '枫林绿洲', '万科城', '保利香槟国际'];
export const HOBBIES = ['茶艺', '摄影', '旅行', '书法', '高尔夫', '瑜伽', '烘焙', '钓鱼', '阅读', '收藏', '品酒', '跑步', '园艺'];
export const OCCUPATIONS = ['教师', '医生', '工程师', '公务员', '企业主', '设计师', '律师', '会计师', '销售经理', 'IT从业者', '金融从业者', '自由职业'];
export const TITLES = ['总经理', '经理', '主管', '总监', '职员', '合伙人', '董事长'];
export const TAGS = ['新房装修', '老客户', '高意向', '价格敏感', '设计师推荐', '团购', '实木偏好', '已量尺', '到店体验', '婚房', '改善型', '别墅客户'];
export const BRANDS = ['宜家', '顾家家居', '林氏木业', '全友家居', '芝华仕', '红苹果', '曲美家居', '索菲亚', '欧派'];
export const FURNITURE = ['沙发', '餐桌', '床', '衣柜', '茶几', '电视柜', '书桌', '床垫', '餐椅', '鞋柜'];
