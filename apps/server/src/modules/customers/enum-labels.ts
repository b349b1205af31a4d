import type {
  AGE_BANDS, CREDIT_RATINGS, CUSTOMER_KINDS, CUSTOMER_SOURCES, EDUCATIONS, GENDERS, INCOME_BANDS, LIST_STATUSES, MARITAL_STATUSES,
} from '@jiake/shared';

type Labels<T extends readonly string[]> = Record<T[number], string>;

/** Chinese labels of the customer enums, as written in files (export) and read back (import). */
export const ENUM_LABELS = {
  kind: { person: '个人', company: '企业' } satisfies Labels<typeof CUSTOMER_KINDS>,
  gender: { male: '男', female: '女', unknown: '未知' } satisfies Labels<typeof GENDERS>,
  ageBand: { under25: '25岁以下', '25to34': '25-34岁', '35to44': '35-44岁', '45to54': '45-54岁', '55plus': '55岁及以上' } satisfies Labels<typeof AGE_BANDS>,
  education: { middle: '初中及以下', high: '高中/中专', college: '大专', bachelor: '本科', master: '硕士', doctor: '博士' } satisfies Labels<typeof EDUCATIONS>,
  incomeBand: { low: '低', middle: '中', upperMiddle: '中高', high: '高', veryHigh: '很高' } satisfies Labels<typeof INCOME_BANDS>,
  maritalStatus: { single: '未婚', married: '已婚', divorced: '离异', widowed: '丧偶' } satisfies Labels<typeof MARITAL_STATUSES>,
  source: {
    walkIn: '自然进店', phone: '电话', website: '网站', designer: '设计师', partner: '合作伙伴', campaign: '活动', exhibition: '展会',
    referral: '转介绍', import: '导入', other: '其他',
  } satisfies Labels<typeof CUSTOMER_SOURCES>,
  creditRating: { A: 'A', B: 'B', C: 'C', D: 'D' } satisfies Labels<typeof CREDIT_RATINGS>,
  listStatus: { none: '正常', white: '白名单', black: '黑名单' } satisfies Labels<typeof LIST_STATUSES>,
};
export type EnumField = keyof typeof ENUM_LABELS;

/** Other words people write in their own sheets for the same values. */
const SYNONYMS: Partial<Record<EnumField, Record<string, string>>> = {
  kind: { 个人客户: 'person', 公司: 'company', 企业客户: 'company', 单位: 'company' },
  gender: { 先生: 'male', 女士: 'female', 男性: 'male', 女性: 'female', m: 'male', f: 'female', 保密: 'unknown' },
  maritalStatus: { 单身: 'single' },
  source: { 进店: 'walkIn', 到店: 'walkIn', 自然到店: 'walkIn', 门店: 'walkIn', 官网: 'website', 老带新: 'referral', 推荐: 'referral', 介绍: 'referral', 展览: 'exhibition', 异业合作: 'partner' },
  listStatus: { 无: 'none', '': 'none' },
};

const norm = (s: string) => s.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, '');

/** The code for a cell written as a code, a label or a common synonym; null when unknown. */
export function enumFromText(field: EnumField, text: string): string | null {
  const t = norm(text);
  for (const [code, label] of Object.entries(ENUM_LABELS[field])) if (norm(code) === t || norm(label) === t) return code;
  for (const [word, code] of Object.entries(SYNONYMS[field] ?? {})) if (norm(word) === t) return code;
  return null;
}

export function enumLabel(field: EnumField, code: string | null | undefined): string | null {
  if (code === null || code === undefined) return null;
  return (ENUM_LABELS[field] as Record<string, string>)[code] ?? code;
}

export function enumChoices(field: EnumField): string {
  return Object.values(ENUM_LABELS[field]).join('、');
}
