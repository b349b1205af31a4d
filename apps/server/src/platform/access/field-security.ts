import type { Ctx } from '../http/context.ts';
import { can, fieldAccess } from '../http/context.ts';
import { AppError } from '../http/errors.ts';
import { maskPhone } from '../phone.ts';

/**
 * Field-level security (PLAT-5), applied to responses through the route's `redact` declaration,
 * and by exports and history views through the same functions, so a hidden field is hidden on every path.
 */
export interface FieldPolicy {
  /** Fields holding phone numbers: masked unless the caller has the reveal permission. */
  phoneFields: string[];
  revealPermission: string;
}

const POLICIES: Record<string, FieldPolicy> = {
  customer: { phoneFields: ['phones'], revealPermission: 'customers:reveal' },
  contact: { phoneFields: ['phones'], revealPermission: 'customers:reveal' },
  user: { phoneFields: ['phone'], revealPermission: 'users:admin' },
};

export function registerFieldPolicy(object: string, policy: FieldPolicy) {
  POLICIES[object] = policy;
}

function maskValue(v: unknown): unknown {
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'string' ? maskPhone(x) : x));
  return typeof v === 'string' ? maskPhone(v) : v;
}

/** Fields hidden together with a field of another object: a contact's phones are the customer's phones too. */
const HIDDEN_WITH: Record<string, Record<string, string>> = {
  contact: { phones: 'customer.phones' },
};

export function hiddenFields(ctx: Ctx, object: string): string[] {
  const prefix = `${object}.`;
  const own = Object.entries(ctx.fieldRules)
    .filter(([k, v]) => k.startsWith(prefix) && v === 'hidden')
    .map(([k]) => k.slice(prefix.length));
  const inherited = Object.entries(HIDDEN_WITH[object] ?? {})
    .filter(([f, rule]) => ctx.fieldRules[rule] === 'hidden' && !own.includes(f))
    .map(([f]) => f);
  return [...own, ...inherited];
}

/** Apply hidden/mask rules to one record of `object`. Hidden fields are removed; phones masked unless revealed. */
export function redactRecord<T extends Record<string, unknown>>(ctx: Ctx, object: string, rec: T, opts: { reveal?: boolean } = {}): T {
  const out: Record<string, unknown> = { ...rec };
  for (const f of hiddenFields(ctx, object)) {
    if (f.includes('.')) {
      const [head, tail] = f.split('.', 2);
      if (out[head] && typeof out[head] === 'object') out[head] = { ...(out[head] as object), [tail]: undefined };
    } else delete out[f];
  }
  const policy = POLICIES[object];
  if (policy && !(opts.reveal && can(ctx, policy.revealPermission))) {
    for (const f of policy.phoneFields) if (f in out) out[f] = maskValue(out[f]);
  }
  if (object === 'customer' && Array.isArray(out.contacts)) {
    out.contacts = (out.contacts as Record<string, unknown>[]).map((c) => redactRecord(ctx, 'contact', c));
  }
  return out as T;
}

/** Responses: a record, `{ items: [...] }`, or `{ customer: {...} }`-style wrappers. */
export function redactPayload(ctx: Ctx, object: string, payload: object): object {
  const p = payload as Record<string, unknown>;
  if (Array.isArray(p.items)) return { ...p, items: p.items.map((r) => redactRecord(ctx, object, r as Record<string, unknown>)) };
  if ('id' in p) return redactRecord(ctx, object, p);
  return payload;
}

/** Audit history of an object: hidden fields vanish, phone values are masked. */
export function redactChanges(ctx: Ctx, object: string, changes: { field: string; before: unknown; after: unknown }[]) {
  const hidden = new Set(hiddenFields(ctx, object));
  const phones = POLICIES[object]?.phoneFields ?? [];
  // History never shows full numbers; the reveal endpoint is the one audited way to see them.
  return changes
    .filter((c) => !hidden.has(c.field))
    .map((c) => (phones.includes(c.field) ? { ...c, before: maskValue(c.before), after: maskValue(c.after) } : c));
}

/** Refuse writes to hidden or read-only fields with per-field issues. */
export function assertWritable(ctx: Ctx, object: string, input: Record<string, unknown>) {
  const issues = Object.keys(input)
    .filter((f) => input[f] !== undefined && fieldAccess(ctx, object, f) !== 'editable')
    .map((f) => ({ path: `body.${f}`, code: 'readonly', message: 'this field cannot be changed by your role' }));
  if (issues.length) throw new AppError('forbidden_field', 'read-only fields', { issues });
}

/** Refuse filtering or sorting by a hidden field (it would leak the value). */
export function assertVisible(ctx: Ctx, object: string, fields: string[]) {
  const hidden = new Set(hiddenFields(ctx, object));
  const issues = fields
    .filter((f) => hidden.has(f))
    .map((f) => ({ path: `query.${f}`, code: 'hidden', message: 'this field is hidden for your role' }));
  if (issues.length) throw new AppError('forbidden_field', 'hidden fields', { issues });
}
