import type { CustomerDto } from '@jiake/shared';
import type { Cell } from '../../platform/files/sheet-writer.ts';
import type { CustomFieldRow } from '../../platform/custom-fields/custom-fields.service.ts';
import { normalisePhone } from '../../platform/phone.ts';
import { enumChoices, enumFromText, enumLabel, type EnumField } from './enum-labels.ts';

/**
 * The columns of a customer file (CUS-7), one catalogue for import and export so an exported file imports again:
 * Chinese header, the headers people commonly use for it, how a cell is read, how a value is written.
 */
export type Parsed = { value: unknown } | { error: string };

export interface CustomerColumn {
  key: string;
  label: string;
  /** The customer field whose field rule (hidden / read-only) governs the column. */
  field: string;
  aliases?: readonly string[];
  required?: boolean;
  /** Several file columns may feed it (手机 and 电话 both into phones). */
  list?: boolean;
  /** Import: cell text → value, or a message for the row report. Absent: export only. */
  parse?: (text: string) => Parsed;
  /** Export: value of a (field-rule-redacted) customer. Absent: import only. */
  format?: (c: CustomerDto) => Cell;
}

const LIST_SEPARATORS = /[,，;；、|\n]+/;
const splitList = (s: string) => s.split(LIST_SEPARATORS).map((x) => x.trim()).filter(Boolean);
const joinList = (v: unknown) => (Array.isArray(v) ? v.join('、') : v === null || v === undefined ? null : String(v));
const pad = (n: number) => String(n).padStart(2, '0');

function validDate(y: number, m: number, d: number) {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/** 2024-05-01, 2024/5/1, 2024.5.1, 2024年5月1日, 20240501 → 2024-05-01; null if not a real date. */
export function parseDate(text: string): string | null {
  const t = text.normalize('NFKC').trim().replace(/\s+\d{1,2}:\d{2}(:\d{2})?$/, '');
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(t) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (!m || !validDate(+m[1], +m[2], +m[3])) return null;
  return `${m[1]}-${pad(+m[2])}-${pad(+m[3])}`;
}

/** A birthday as written: 1990-05-01, 05-01 (no year), 5月1日, 农历1990-08-15, 农历闰4月15 … */
export function parseBirthday(text: string): Parsed {
  const t = text.normalize('NFKC').trim().replace(/\s+\d{1,2}:\d{2}(:\d{2})?$/, '');
  const m = /^(农历|阴历|公历|阳历)?\s*(?:(\d{4})\s*[-/.年]\s*)?(闰)?\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(t);
  const fail = { error: `生日格式不正确：${text}（例：1990-05-01、05-01、农历1990-08-15）` };
  if (!m) {
    const d = parseDate(t);
    return d ? { value: { calendar: 'solar', year: +d.slice(0, 4), month: +d.slice(5, 7), day: +d.slice(8, 10) } } : fail;
  }
  const lunar = m[1] === '农历' || m[1] === '阴历';
  const year = m[2] ? +m[2] : null;
  const month = +m[4];
  const day = +m[5];
  if (month < 1 || month > 12 || day < 1 || day > (lunar ? 30 : 31)) return fail;
  if (!lunar && !validDate(year ?? 2000, month, day)) return fail;
  if (m[3] && !lunar) return fail;
  return { value: { calendar: lunar ? 'lunar' : 'solar', year, month, day, ...(m[3] ? { leapMonth: true } : {}) } };
}

export function formatBirthday(b: unknown): string | null {
  if (!b || typeof b !== 'object') return null;
  const v = b as { calendar: string; year?: number | null; month: number; day: number; leapMonth?: boolean };
  return `${v.calendar === 'lunar' ? '农历' : ''}${v.year ? `${v.year}-` : ''}${v.leapMonth ? '闰' : ''}${pad(v.month)}-${pad(v.day)}`;
}

/** +8613812345678 → 13812345678 (Chinese numbers as people write them); masked and foreign numbers as they are. */
function displayPhone(p: string): string {
  return p.startsWith('+86') ? (normalisePhone(p)?.digits ?? p) : p;
}

const dateTime = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
const formatTime = (iso: string | null | undefined) => (iso ? dateTime.format(new Date(iso)) : null);

type Field = keyof CustomerDto;
const get = (c: CustomerDto, f: Field) => (c[f] as Cell | undefined) ?? null;

const text = (key: Field, label: string, aliases: string[] = []): CustomerColumn => ({
  key, label, field: key, aliases, parse: (s) => ({ value: s }), format: (c) => get(c, key),
});
const choice = (key: EnumField & Field, label: string, aliases: string[] = []): CustomerColumn => ({
  key, label, field: key, aliases,
  parse: (s) => {
    const code = enumFromText(key, s);
    return code === null ? { error: `"${s}" 不是有效的${label}，可选：${enumChoices(key)}` } : { value: code };
  },
  format: (c) => enumLabel(key, c[key] as string | null),
});
const list = (key: Field, label: string, aliases: string[] = []): CustomerColumn => ({
  key, label, field: key, aliases, list: true, parse: (s) => ({ value: splitList(s) }), format: (c) => joinList(c[key]),
});
const date = (key: Field, label: string, aliases: string[] = []): CustomerColumn => ({
  key, label, field: key, aliases,
  parse: (s) => {
    const d = parseDate(s);
    return d ? { value: d } : { error: `日期格式不正确：${s}（例：2024-05-01）` };
  },
  format: (c) => get(c, key),
});
const time = (key: Field, label: string): CustomerColumn => ({ key, label, field: key, format: (c) => formatTime(c[key] as string | null) });

export const CUSTOMER_COLUMNS: readonly CustomerColumn[] = [
  { key: 'code', label: '客户编号', field: 'code', format: (c) => c.code ?? null },
  { ...text('name', '姓名', ['客户名称', '客户姓名', '客户名', '名称', '名字', 'name']), required: true },
  choice('kind', '客户类型', ['类型', '客户性质']),
  {
    key: 'phones', label: '手机', field: 'phones', list: true,
    aliases: ['手机号', '手机号码', '电话', '联系电话', '电话号码', '移动电话', '联系方式', '座机', 'phone', 'mobile', 'tel'],
    parse: (s) => ({ value: splitList(s) }),
    format: (c) => (Array.isArray(c.phones) ? c.phones.map(displayPhone).join('、') : null),
  },
  choice('gender', '性别', ['称谓']),
  {
    key: 'birthday', label: '生日', field: 'birthday', aliases: ['出生日期', '出生年月', '出生年月日', '生日日期'],
    parse: parseBirthday, format: (c) => formatBirthday(c.birthday),
  },
  date('weddingAnniversary', '结婚纪念日', ['结婚日期', '纪念日']),
  choice('ageBand', '年龄段', ['年龄']),
  choice('education', '学历', ['文化程度']),
  text('occupation', '职业'),
  text('title', '职务', ['职位', '头衔']),
  choice('incomeBand', '收入水平', ['收入']),
  choice('maritalStatus', '婚姻状况', ['婚姻', '婚否']),
  text('email', '邮箱', ['电子邮箱', '电子邮件', '邮件', 'email', 'e-mail']),
  text('wechat', '微信', ['微信号', 'wechat']),
  text('qq', 'QQ', ['qq号', 'qq号码']),
  text('otherIm', '其他联系方式', ['其他IM']),
  text('address', '地址', ['详细地址', '住址', '家庭住址', '联系地址', '小区', '通讯地址']),
  list('hobbies', '兴趣爱好', ['爱好']),
  text('referrer', '介绍人', ['推荐人', '转介绍人']),
  choice('source', '来源', ['客户来源', '来源渠道', '渠道']),
  { key: 'ownerName', label: '负责人', field: 'ownerId', format: (c) => c.ownerName ?? null },
  {
    key: 'store', label: '门店', field: 'storeId', aliases: ['所属门店', '门店名称', '门店编码', '门店编号', '店铺', '归属门店'],
    parse: (s) => ({ value: s }), format: (c) => c.storeName ?? null,
  },
  list('tags', '标签', ['客户标签']),
  choice('creditRating', '信用等级', ['信用']),
  choice('listStatus', '黑白名单', ['名单']),
  text('listReason', '名单原因'),
  text('industry', '行业', ['所属行业']),
  text('notes', '备注', ['说明', '备注信息', '客户备注']),
  time('lastContactAt', '最近联系时间'),
  time('createdAt', '创建时间'),
  time('updatedAt', '更新时间'),
];

/** Columns of the tenant's custom fields (`cf_<key>`), read as text and coerced by the custom field rules. */
export function customFieldColumns(defs: CustomFieldRow[]): CustomerColumn[] {
  return defs.map((d) => ({
    key: `cf_${d.key}`,
    label: d.label,
    field: 'customFields',
    required: d.required,
    list: d.type === 'multiselect',
    parse: (s) => ({ value: d.type === 'multiselect' ? splitList(s) : s }),
    format: (c) => {
      const v = c.customFields?.[d.key];
      return typeof v === 'number' ? v : joinList(v);
    },
  }));
}
