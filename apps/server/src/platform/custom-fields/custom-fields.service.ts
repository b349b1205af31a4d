import { and, asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { hasInvisibleChars, type CreateCustomFieldDef, type FieldIssue, type UpdateCustomFieldDef } from '@jiake/shared';
import type { DbOrTx } from '../db/client.ts';
import type { Ctx } from '../http/context.ts';
import { AppError, invalid, issue } from '../http/errors.ts';
import { deleteScoped, insertScoped, scopedWhere, updateScoped, type Fence } from '../db/scoped.ts';
import { customFieldDefs } from './custom-fields.tables.ts';

export const customFieldFence: Fence = { table: customFieldDefs, entity: 'customField' };
export type CustomFieldRow = typeof customFieldDefs.$inferSelect;

const toDto = (d: CustomFieldRow) => ({
  id: d.id, object: d.object as 'customer', key: d.key, label: d.label, type: d.type, options: d.options, required: d.required, position: d.position,
});

export async function listDefs(ctx: Pick<Ctx, 'tenantId'> & { db: DbOrTx }, object: string): Promise<CustomFieldRow[]> {
  return ctx.db
    .select()
    .from(customFieldDefs)
    .where(and(eq(customFieldDefs.tenantId, ctx.tenantId), eq(customFieldDefs.object, object)))
    .orderBy(asc(customFieldDefs.position), asc(customFieldDefs.createdAt));
}

export async function listCustomFields(ctx: Ctx, object?: string) {
  const rows = await ctx.db
    .select()
    .from(customFieldDefs)
    .where(scopedWhere(ctx, customFieldFence, object ? eq(customFieldDefs.object, object) : undefined))
    .orderBy(asc(customFieldDefs.object), asc(customFieldDefs.position), asc(customFieldDefs.createdAt));
  return rows.map(toDto);
}

export async function createCustomField(ctx: Ctx, input: z.infer<typeof CreateCustomFieldDef>) {
  return ctx.db.transaction(async (tx) => {
    const dup = await tx
      .select({ id: customFieldDefs.id })
      .from(customFieldDefs)
      .where(and(eq(customFieldDefs.tenantId, ctx.tenantId), eq(customFieldDefs.object, input.object), eq(customFieldDefs.key, input.key)));
    if (dup.length) throw new AppError('conflict', 'field key already used', { issues: [issue('body.key', 'taken', 'key already used')] });
    return toDto(await insertScoped<CustomFieldRow>(ctx, tx, customFieldFence, input));
  });
}

export async function updateCustomField(ctx: Ctx, id: string, input: z.infer<typeof UpdateCustomFieldDef>) {
  return ctx.db.transaction(async (tx) => toDto((await updateScoped<CustomFieldRow>(ctx, tx, customFieldFence, id, input)).after));
}

export async function deleteCustomField(ctx: Ctx, id: string) {
  return ctx.db.transaction(async (tx) => toDto(await deleteScoped<CustomFieldRow>(ctx, tx, customFieldFence, id)));
}

/**
 * Validate and coerce custom field values against their definitions. Unknown keys and wrong types give
 * per-field issues (`customFields.<key>`); strings from imports are coerced ("12.5" → 12.5, "a;b" → ["a","b"]).
 */
export function coerceCustomValues(
  defs: CustomFieldRow[],
  values: Record<string, unknown>,
  opts: { partial?: boolean; pathPrefix?: string } = {},
): { values: Record<string, unknown>; issues: FieldIssue[] } {
  const prefix = opts.pathPrefix ?? 'body.customFields';
  const byKey = new Map(defs.map((d) => [d.key, d]));
  const out: Record<string, unknown> = {};
  const issues: FieldIssue[] = [];
  for (const [key, raw] of Object.entries(values)) {
    const def = byKey.get(key);
    const path = `${prefix}.${key}`;
    if (!def) {
      issues.push(issue(path, 'unknown_field', `no custom field "${key}"`));
      continue;
    }
    if (raw === null || raw === undefined || raw === '') {
      out[key] = null;
      continue;
    }
    switch (def.type) {
      case 'text':
        if (typeof raw !== 'string' && typeof raw !== 'number') issues.push(issue(path, 'invalid_type', 'expected text'));
        else if (String(raw).length > 500) issues.push(issue(path, 'too_long', 'at most 500 characters'));
        else if (hasInvisibleChars(String(raw))) issues.push(issue(path, 'invalid_chars', 'contains invisible or control characters'));
        else out[key] = String(raw).trim() || null;
        break;
      case 'number': {
        const n = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw.trim()) : Number.NaN;
        if (!Number.isFinite(n)) issues.push(issue(path, 'invalid_type', 'expected a number'));
        else out[key] = n;
        break;
      }
      case 'date': {
        const s = raw instanceof Date ? raw.toISOString().slice(0, 10) : String(raw).trim().replace(/[/.年月]/g, '-').replace(/日$/, '');
        const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
        const d = m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : null;
        if (!m || !d || d.getUTCMonth() !== +m[2] - 1) issues.push(issue(path, 'invalid_date', 'expected a date YYYY-MM-DD'));
        else out[key] = d.toISOString().slice(0, 10);
        break;
      }
      case 'select':
        if (typeof raw !== 'string' || !def.options.includes(raw.trim())) issues.push(issue(path, 'invalid_option', `one of: ${def.options.join(', ')}`));
        else out[key] = raw.trim();
        break;
      case 'multiselect': {
        const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(/[;,，；、]/).map((s) => s.trim()).filter(Boolean) : null;
        const bad = list?.filter((v) => typeof v !== 'string' || !def.options.includes(v));
        if (!list || (bad && bad.length)) issues.push(issue(path, 'invalid_option', `values from: ${def.options.join(', ')}`));
        else out[key] = [...new Set(list as string[])];
        break;
      }
    }
  }
  // A required field must have a value after a create, and a change may not clear it (a partial change may leave it out).
  for (const d of defs) {
    const missing = opts.partial ? d.key in out && out[d.key] === null : out[d.key] === undefined || out[d.key] === null;
    if (d.required && missing && !issues.some((i) => i.path === `${prefix}.${d.key}`)) issues.push(issue(`${prefix}.${d.key}`, 'required', `${d.label} is required`));
  }
  return { values: out, issues };
}

export function assertCustomValues(defs: CustomFieldRow[], values: Record<string, unknown>, partial = false) {
  const r = coerceCustomValues(defs, values, { partial });
  if (r.issues.length) throw invalid(r.issues);
  return r.values;
}
