import type { z } from 'zod';
import { CreateCustomer, type CreateCustomerInput, type FieldIssue } from '@jiake/shared';
import { coerceCustomValues, type CustomFieldRow } from '../../../platform/custom-fields/custom-fields.service.ts';
import { birthdayIssues, normalisePhones } from '../customers.service.ts';
import type { ImportColumn } from './mapping.ts';
import type { StoreLookup } from './store-lookup.ts';

/** How the columns of a file become a customer, decided once per run. */
export interface RowPlan {
  columns: { index: number; header: string; col: ImportColumn }[];
  defs: CustomFieldRow[];
  stores: StoreLookup;
}

export interface RowIssue {
  field: string;
  message: string;
}

export interface ValidRow {
  input: Omit<CreateCustomerInput, 'phones' | 'customFields' | 'ignoreDuplicates'>;
  e164s: string[];
  customFields: Record<string, unknown>;
  /** Undefined: no 门店 given, the importer's default applies. */
  storeId?: string;
}

/** Plain Chinese for the schema's complaints (the report is read by store staff). */
function zodMessage(i: z.core.$ZodIssue): string {
  switch (i.code) {
    case 'too_big':
      return i.origin === 'array' ? `最多 ${i.maximum} 项` : `太长，最多 ${i.maximum} 个字符`;
    case 'too_small':
      return '不能为空';
    case 'invalid_format':
      return i.format === 'email' ? '邮箱格式不正确' : '格式不正确';
    case 'invalid_type':
      return /received undefined/.test(i.message) ? '必填' : '格式不正确';
    default:
      return /invisible|control/.test(i.message) ? '含有不可见字符或控制字符' : '格式不正确';
  }
}

const CUSTOM_MESSAGES: Record<string, string> = {
  invalid_type: '应为数字或文本',
  invalid_date: '日期格式不正确（例：2024-05-01）',
  invalid_option: '不是可选的值',
  too_long: '太长，最多 500 个字符',
  required: '必填',
};

/** Read one data row against the plan: a customer ready to write, or every problem of the row. */
export function validateRow(cells: string[], plan: RowPlan): { ok: true; row: ValidRow } | { ok: false; issues: RowIssue[] } {
  const issues: RowIssue[] = [];
  const raw: Record<string, unknown> = {};
  const custom: Record<string, unknown> = {};
  const headerOf = new Map<string, string>();
  let storeText: string | undefined;
  for (const { index, header, col } of plan.columns) {
    const text = cells[index] ?? '';
    if (!text) continue;
    const parsed = col.parse(text);
    if ('error' in parsed) {
      issues.push({ field: header, message: parsed.error });
      continue;
    }
    const [bag, name] = col.field === 'customFields' ? [custom, col.key.slice(3)] : [raw, col.field];
    headerOf.set(col.field === 'customFields' ? col.key : col.field, header);
    if (col.key === 'store') storeText = String(parsed.value);
    else bag[name] = col.list ? [...((bag[name] as unknown[]) ?? []), ...(parsed.value as unknown[])] : parsed.value;
  }
  const labelOf = (field: string) => headerOf.get(field) ?? plan.columns.find((c) => c.col.field === field)?.header ?? field;

  const result = CreateCustomer.safeParse({ kind: 'person', source: 'import', ...raw });
  if (!result.success) for (const i of result.error.issues) issues.push({ field: labelOf(String(i.path[0] ?? '')), message: zodMessage(i) });
  else if (birthdayIssues(result.data.birthday, 'birthday').length) issues.push({ field: labelOf('birthday'), message: `这一天不存在：${cells[plan.columns.find((c) => c.col.field === 'birthday')?.index ?? -1] ?? ''}` });

  const phoneList = (raw.phones as string[] | undefined) ?? [];
  const phones = normalisePhones(phoneList, 'phones');
  for (const i of phones.issues) issues.push({ field: labelOf('phones'), message: `不是有效的电话号码：${phoneList[Number(i.path.split('.')[1])]}` });

  const cf = coerceCustomValues(plan.defs, custom, { pathPrefix: 'cf' });
  for (const i of cf.issues as FieldIssue[]) {
    const key = `cf_${i.path.slice(3)}`;
    const label = headerOf.get(key) ?? plan.defs.find((d) => `cf_${d.key}` === key)?.label ?? key;
    issues.push({ field: label, message: i.code === 'invalid_option' ? `不是可选的值（${i.message.replace(/^[^:]*:\s*/, '')}）` : (CUSTOM_MESSAGES[i.code] ?? '格式不正确') });
  }

  let storeId: string | undefined;
  if (storeText !== undefined) {
    const s = plan.stores.resolve(storeText);
    if ('error' in s) issues.push({ field: headerOf.get('storeId') ?? '门店', message: s.error });
    else storeId = s.id;
  }
  if (issues.length || !result.success) return { ok: false, issues };
  const { phones: _p, customFields: _c, ignoreDuplicates: _i, ...input } = result.data;
  return { ok: true, row: { input, e164s: phones.e164s, customFields: cf.values, storeId } };
}
