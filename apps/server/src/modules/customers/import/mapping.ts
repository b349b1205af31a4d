import crypto from 'node:crypto';
import type { Ctx } from '../../../platform/http/context.ts';
import { fieldAccess } from '../../../platform/http/context.ts';
import { AppError, invalid, issue } from '../../../platform/http/errors.ts';
import type { CustomFieldRow } from '../../../platform/custom-fields/custom-fields.service.ts';
import { CUSTOMER_COLUMNS, customFieldColumns, type CustomerColumn } from '../customer-columns.ts';

/** Fields a file column can be mapped to (CUS-7): the importable columns the caller may write, plus custom fields. */
export type ImportColumn = CustomerColumn & Required<Pick<CustomerColumn, 'parse'>>;

/** Name and kind are always set on create; any other field must be editable for the caller's role. */
const ALWAYS_WRITABLE = new Set(['name', 'kind']);

function writable(ctx: Ctx, c: CustomerColumn) {
  if (ALWAYS_WRITABLE.has(c.field)) return true;
  if (fieldAccess(ctx, 'customer', c.field) !== 'editable') return false;
  return c.field !== 'customFields' || fieldAccess(ctx, 'customer', `customFields.${c.key.slice(3)}`) === 'editable';
}

export function importColumns(ctx: Ctx, defs: CustomFieldRow[]): ImportColumn[] {
  return [...CUSTOMER_COLUMNS, ...customFieldColumns(defs)].filter((c): c is ImportColumn => !!c.parse && writable(ctx, c));
}

/** Header text compared loosely: width, case, spaces, punctuation and "(必填)" marks do not matter. */
export function normaliseHeader(h: string): string {
  return h
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[(（[【]?\s*(必填|选填|可选|required)\s*[)）\]】]?/g, '')
    .replace(/[\s*:：_\-()（）[\]【】.。]/g, '');
}

/** Same headers in any order → same signature, so a mapping is remembered for the next file of that shape. */
export function headerSignature(headers: string[]): string {
  const norm = [...new Set(headers.map(normaliseHeader))].sort();
  return crypto.createHash('sha256').update(norm.join('\u0001')).digest('hex');
}

/**
 * A first guess at the mapping: exact names (label, common aliases, custom field labels) first, then a header that
 * contains one of them ("客户手机号码" → 手机). A field takes one column unless it is a list (phones, tags …).
 */
export function suggestMapping(headers: string[], columns: ImportColumn[]): Record<string, string> {
  const names = columns.map((c) => ({ c, words: [c.label, ...(c.aliases ?? [])].map(normaliseHeader).filter(Boolean) }));
  const out: Record<string, string> = Object.fromEntries(headers.map((h) => [h, '']));
  const taken = new Set<string>();
  const assign = (h: string, c: CustomerColumn) => {
    if (out[h] || (taken.has(c.key) && !c.list)) return;
    out[h] = c.key;
    taken.add(c.key);
  };
  for (const h of headers) {
    const n = normaliseHeader(h);
    const hit = names.find((x) => x.words.includes(n));
    if (hit) assign(h, hit.c);
  }
  for (const h of headers) {
    if (out[h]) continue;
    const n = normaliseHeader(h);
    const hits = names
      .flatMap((x) => x.words.filter((w) => w.length >= 2 && n.includes(w)).map((w) => ({ c: x.c, len: w.length })))
      .sort((a, b) => b.len - a.len);
    for (const hit of hits) {
      assign(h, hit.c);
      if (out[h]) break;
    }
  }
  return out;
}

/** A remembered mapping, kept to headers of this file and fields the caller may still use. */
export function applyRemembered(headers: string[], columns: ImportColumn[], remembered: Record<string, string>): Record<string, string> {
  const keys = new Set(columns.map((c) => c.key));
  return Object.fromEntries(headers.map((h) => [h, keys.has(remembered[h] ?? '') ? remembered[h] : '']));
}

/** Refuse a mapping that names unknown headers or fields, maps a single field twice or leaves a required one out. */
export function checkMapping(mapping: Record<string, string>, headers: string[], columns: ImportColumn[]): [string, ImportColumn][] {
  const byKey = new Map(columns.map((c) => [c.key, c]));
  const issues = [];
  const used = new Map<string, string>();
  const pairs: [string, ImportColumn][] = [];
  for (const [header, key] of Object.entries(mapping)) {
    if (!key) continue;
    const col = byKey.get(key);
    if (!headers.includes(header)) issues.push(issue(`body.mapping.${header}`, 'unknown_header', `文件中没有列「${header}」`));
    else if (!col) issues.push(issue(`body.mapping.${header}`, 'unknown_field', `无法导入到字段「${key}」（不存在或您的角色不可编辑）`));
    else if (used.has(key) && !col.list) issues.push(issue(`body.mapping.${header}`, 'duplicate_field', `「${col.label}」已由列「${used.get(key)}」导入`));
    else {
      used.set(key, header);
      pairs.push([header, col]);
    }
  }
  for (const c of columns) if (c.required && !used.has(c.key)) issues.push(issue('body.mapping', 'required', `必须为「${c.label}」选择一列`));
  if (issues.length) throw invalid(issues, 'the column mapping cannot be used');
  if (!pairs.length) throw new AppError('validation_failed', 'nothing to import', { issues: [issue('body.mapping', 'empty', '请至少为一列选择要导入的字段')] });
  return pairs;
}
