import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { CreateContact, CreateCustomerInput, CustomerExportFilter, CustomerListQuery, UpdateContact, UpdateCustomerInput, FieldIssue } from '@jiake/shared';
import type { Ctx } from '../../platform/http/context.ts';
import { can, fieldAccess } from '../../platform/http/context.ts';
import type { DbOrTx } from '../../platform/db/client.ts';
import { AppError, invalid, issue, notFound } from '../../platform/http/errors.ts';
import { deleteScoped, insertScoped, unitWithinScope, updateScoped } from '../../platform/db/scoped.ts';
import { assertVisible, assertWritable, hiddenFields } from '../../platform/access/field-security.ts';
import { assertCustomValues, listDefs } from '../../platform/custom-fields/custom-fields.service.ts';
import { entityHistory } from '../../platform/audit/audit.service.ts';
import { maskPhone, normalisePhone } from '../../platform/phone.ts';
import { users } from '../../platform/tenancy/tenancy.tables.ts';
import { contacts, customers } from './customers.tables.ts';
import { toCustomerDto, type CustomerRow } from './customers.dto.ts';
import * as repo from './customers.repository.ts';
import { findDuplicatesFor } from './duplicates.ts';
import { mergedLineage } from './dedupe.repository.ts';
import { lunarLeapMonth, lunarMonthDays } from '../../platform/lunar.ts';

/** Phones in any common format → E.164, deduplicated, with per-index issues. */
export function normalisePhones(phones: string[], path = 'body.phones'): { e164s: string[]; issues: FieldIssue[] } {
  const e164s: string[] = [];
  const issues: FieldIssue[] = [];
  phones.forEach((p, i) => {
    const n = normalisePhone(p);
    if (!n) issues.push(issue(`${path}.${i}`, 'invalid_phone', `not a valid phone number: ${p}`));
    else if (!e164s.includes(n.e164)) e164s.push(n.e164);
  });
  return { e164s, issues };
}

/** Where a new customer goes when no store is given: the creator's unit; none for the head office and the system. */
export function defaultStoreId(ctx: Ctx): string | null {
  if (ctx.actor.kind === 'system') return null;
  return ctx.scope.kind === 'tenant' && ctx.actor.unitPath.split('/').filter(Boolean).length === 1 ? null : ctx.actor.unitId;
}

/** Check owner and store against the caller's scope; a store user creates in its own store by default. */
async function resolveAssignment(ctx: Ctx, tx: DbOrTx, input: { ownerId?: string | null; storeId?: string | null }, isCreate: boolean) {
  const out: { ownerId?: string | null; storeId?: string | null } = {};
  if (input.storeId !== undefined && input.storeId !== null) {
    if (!(await unitWithinScope(ctx, tx, input.storeId))) throw invalid([issue('body.storeId', 'not_found', 'store not found')]);
    out.storeId = input.storeId;
  } else if (input.storeId === null) out.storeId = null;
  else if (isCreate) out.storeId = defaultStoreId(ctx);
  if (input.ownerId) {
    const [u] = await tx.select({ id: users.id }).from(users).where(and(eq(users.tenantId, ctx.tenantId), eq(users.id, input.ownerId)));
    if (!u) throw invalid([issue('body.ownerId', 'not_found', 'owner not found')]);
    out.ownerId = input.ownerId;
  } else if (input.ownerId === null) out.ownerId = null;
  else if (isCreate) out.ownerId = ctx.actor.kind === 'user' ? ctx.actor.id : null;
  return out;
}

const isDefaultValue = (v: unknown) =>
  v === undefined || v === null || v === 'none' || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0);

export function birthdayColumns(b: CreateCustomerInput['birthday']) {
  return b
    ? { birthday: b, birthdayCalendar: b.calendar, birthdayMonth: b.month, birthdayDay: b.day }
    : { birthday: null, birthdayCalendar: null, birthdayMonth: null, birthdayDay: null };
}

const SOLAR_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * A birthday that exists: a solar date (Feb 29 only in a leap year when the year is known), or a lunar date whose
 * month (leap month included) and day exist in that lunar year when the year is known.
 */
export function birthdayIssues(b: CreateCustomerInput['birthday'], path = 'body.birthday'): FieldIssue[] {
  if (!b) return [];
  if (b.calendar === 'solar') {
    const max = b.year ? new Date(Date.UTC(b.year, b.month, 0)).getUTCDate() : SOLAR_DAYS[b.month - 1];
    return b.day > max ? [issue(`${path}.day`, 'invalid_date', `this month has ${max} days`)] : [];
  }
  if (!b.year) return [];
  if (b.leapMonth && lunarLeapMonth(b.year) !== b.month) {
    return [issue(`${path}.leapMonth`, 'invalid_date', `lunar year ${b.year} has no leap month ${b.month}`)];
  }
  const days = lunarMonthDays(b.year, b.month, !!b.leapMonth) ?? 30;
  return b.day > days ? [issue(`${path}.day`, 'invalid_date', `this lunar month has ${days} days`)] : [];
}

export async function createCustomer(ctx: Ctx, input: CreateCustomerInput) {
  return ctx.db.transaction((tx) => createCustomerInTx(ctx, tx, input));
}

/**
 * Create a customer in the caller's transaction (another module's use case that creates one along with its own
 * records, e.g. a lead's conversion). Same checks as `createCustomer`: field rules, phones, birthday, custom fields,
 * duplicates (409 duplicate_suspected unless `ignoreDuplicates`), store and owner within the caller's scope.
 */
export async function createCustomerInTx(ctx: Ctx, tx: DbOrTx, input: CreateCustomerInput) {
  const { ignoreDuplicates, phones, customFields, birthday, ...rest } = input;
  // Read-only fields may not be set on create either; defaults filled in by the schema do not count.
  assertWritable(ctx, 'customer', Object.fromEntries(Object.entries(input).filter(([k, v]) => !['ignoreDuplicates', 'kind', 'name'].includes(k) && !isDefaultValue(v))));
  const { e164s, issues } = normalisePhones(phones);
  issues.push(...birthdayIssues(birthday));
  if (issues.length) throw invalid(issues);
  const defs = await listDefs({ tenantId: ctx.tenantId, db: tx }, 'customer');
  const cf = assertCustomValues(defs, customFields ?? {});
  if (!ignoreDuplicates) {
    const dups = await findDuplicatesFor(ctx, tx, { name: input.name, e164s });
    if (dups.length) throw new AppError('duplicate_suspected', 'a customer with this phone or name already exists', { params: { duplicates: dups } });
  }
  const assignment = await resolveAssignment(ctx, tx, rest, true);
  const row = await insertScoped<CustomerRow>(ctx, tx, repo.customerFence, {
    ...rest,
    ...assignment,
    ...birthdayColumns(birthday),
    code: await repo.nextCustomerCode(tx, ctx.tenantId),
    phones: e164s,
    customFields: cf,
    ...repo.searchColumns(input.name, input.kind),
    createdAt: ctx.now(),
    updatedAt: ctx.now(),
    lastTouchedAt: ctx.now(),
  });
  await repo.writePhones(tx, ctx.tenantId, row.id, e164s);
  const full = await repo.findVisible(ctx, tx, row.id);
  return toCustomerDto(full ?? row);
}

export async function getCustomer(ctx: Ctx, id: string) {
  const row = await repo.findVisible(ctx, ctx.db, id);
  if (!row) throw notFound('customer');
  const cs = await repo.listContacts(ctx, ctx.db, id);
  return { ...toCustomerDto(row), contacts: cs.map(toContactDto) };
}

export async function updateCustomer(ctx: Ctx, id: string, input: UpdateCustomerInput) {
  const { phones, customFields, birthday, ...rest } = input;
  const birthIssues = birthdayIssues(birthday);
  if (birthIssues.length) throw invalid(birthIssues);
  return ctx.db.transaction(async (tx) => {
    const current = await tx.select().from(customers).where(repo.visibleWhere(ctx, eq(customers.id, id))).for('update');
    if (!current[0]) throw notFound('customer');
    // A form sends back what it showed: masked numbers stand for the numbers they mask.
    const norm = phones ? normalisePhones(unmaskPhones(phones, current[0].phones)) : null;
    if (norm?.issues.length) throw invalid(norm.issues);
    // Read-only fields may be sent back unchanged; only a change is refused.
    const resolved: Record<string, unknown> = { ...input, ...(norm ? { phones: norm.e164s } : {}) };
    assertWritable(ctx, 'customer', Object.fromEntries(Object.entries(resolved).filter(([k, v]) => !sameValue(v, (current[0] as Record<string, unknown>)[k]))));
    const patch: Record<string, unknown> = { ...rest, lastTouchedAt: ctx.now() };
    Object.assign(patch, await resolveAssignment(ctx, tx, rest, false));
    if (birthday !== undefined) Object.assign(patch, birthdayColumns(birthday));
    if (customFields !== undefined) {
      const defs = await listDefs({ tenantId: ctx.tenantId, db: tx }, 'customer');
      patch.customFields = { ...current[0].customFields, ...assertCustomValues(defs, customFields, true) };
    }
    if (norm) patch.phones = norm.e164s;
    if (rest.name !== undefined || rest.kind !== undefined) Object.assign(patch, repo.searchColumns(rest.name ?? current[0].name, rest.kind ?? current[0].kind));
    await updateScoped(ctx, tx, repo.customerFence, id, patch, { extra: repo.live() });
    if (norm) await repo.writePhones(tx, ctx.tenantId, id, norm.e164s);
    const full = await repo.findVisible(ctx, tx, id);
    return toCustomerDto(full!);
  });
}

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Replace masked entries (138****5678) by the stored number they mask; anything else passes through. */
export function unmaskPhones(phones: string[], stored: string[]): string[] {
  return phones.map((p) => (p.includes('*') ? (stored.find((e) => maskPhone(e) === p.trim()) ?? p) : p));
}

/** Soft delete: the record leaves every list and search; its history stays. */
export async function deleteCustomer(ctx: Ctx, id: string) {
  await ctx.db.transaction(async (tx) => {
    await updateScoped(ctx, tx, repo.customerFence, id, { deletedAt: ctx.now() }, { action: 'customer.deleted', extra: repo.live() });
  });
}

/** Scope + filters + search of the customer list (shared by the list and exports); hidden fields cannot be filtered or sorted by. */
export async function customerListWhere(ctx: Ctx, q: z.infer<typeof CustomerExportFilter>): Promise<SQL> {
  const cfFilters = Object.entries(q).filter(([k]) => k.startsWith('cf_'));
  assertVisible(ctx, 'customer', [
    ...(q.sort !== 'createdAt' ? [q.sort] : []),
    ...(q.tag ? ['tags'] : []),
    ...(q.storeId ? ['storeId'] : []),
    ...(q.ownerId || q.pool ? ['ownerId'] : []),
    ...(q.kind ? ['kind'] : []),
    ...(q.source ? ['source'] : []),
    ...(q.listStatus ? ['listStatus'] : []),
    ...(cfFilters.length ? ['customFields'] : []),
  ]);
  const hidden = new Set(hiddenFields(ctx, 'customer'));
  const conds: (SQL | undefined)[] = [
    q.q
      ? repo.searchCondition(ctx, q.q, { phonesHidden: hidden.has('phones'), nameHidden: hidden.has('name'), tagsHidden: hidden.has('tags'), codeHidden: hidden.has('code') })
      : undefined,
    q.tag ? repo.hasTag(q.tag) : undefined,
    q.storeId ? eq(customers.storeId, q.storeId) : undefined,
    q.ownerId ? eq(customers.ownerId, q.ownerId) : undefined,
    q.kind ? eq(customers.kind, q.kind) : undefined,
    q.source ? eq(customers.source, q.source) : undefined,
    q.listStatus ? eq(customers.listStatus, q.listStatus) : undefined,
    q.pool === 'true' ? sql`${customers.ownerId} IS NULL` : q.pool === 'false' ? sql`${customers.ownerId} IS NOT NULL` : undefined,
    ...(await customFieldFilters(ctx, cfFilters)),
  ];
  return repo.visibleWhere(ctx, ...conds);
}

export async function listCustomers(ctx: Ctx, q: z.infer<typeof CustomerListQuery>) {
  const where = await customerListWhere(ctx, q);
  const cursor = repo.decodeCursor(q.cursor, q.sort);
  if (q.cursor && !cursor) throw invalid([issue('query.cursor', 'invalid_cursor', 'invalid cursor')]);
  const [{ rows, nextCursor }, count] = await Promise.all([
    repo.listPage(ctx, where, q.sort, q.order, q.limit, cursor),
    q.withTotal === 'true' ? repo.cappedCount(ctx, where) : Promise.resolve(null),
  ]);
  return {
    items: rows.map(toCustomerDto),
    nextCursor,
    ...(count ? { total: count.total, totalIsEstimate: count.estimate } : {}),
  };
}

async function customFieldFilters(ctx: Ctx, filters: [string, unknown][]): Promise<SQL[]> {
  if (!filters.length) return [];
  const defs = await listDefs(ctx, 'customer');
  return filters.map(([k, v]) => {
    const key = k.slice(3);
    const def = defs.find((d) => d.key === key);
    if (!def) throw invalid([issue(`query.${k}`, 'unknown_field', `no custom field "${key}"`)]);
    const value = def.type === 'number' ? Number(v) : def.type === 'multiselect' ? [String(v)] : String(v);
    if (def.type === 'number' && !Number.isFinite(value)) throw invalid([issue(`query.${k}`, 'invalid_type', 'expected a number')]);
    return sql`${customers.customFields} @> ${JSON.stringify({ [key]: value })}::jsonb`;
  });
}

/** The full phone numbers, for a role with the reveal right; each reveal is written to the audit trail. */
export async function revealPhones(ctx: Ctx, id: string) {
  if (!can(ctx, 'customers:reveal') || fieldAccess(ctx, 'customer', 'phones') === 'hidden') throw new AppError('forbidden', 'no right to reveal phone numbers');
  return ctx.db.transaction(async (tx) => {
    const row = await repo.findVisible(ctx, tx, id);
    if (!row) throw notFound('customer');
    await ctx.audit.record(tx, { action: 'customer.phones_revealed', entityType: 'customer', entityId: id, meta: { count: row.phones.length } });
    return { phones: row.phones };
  });
}

export async function customerHistory(ctx: Ctx, id: string) {
  const row = await repo.findVisible(ctx, ctx.db, id);
  if (!row) throw notFound('customer');
  // A merge keeps all history (CUS-6): the customers merged into this one, at any depth, and the contacts it took over.
  const [contactRows, mergedIds] = await Promise.all([repo.listContacts(ctx, ctx.db, id), mergedLineage(ctx.db, ctx.tenantId, id)]);
  const contactIds = contactRows.map((c) => c.id);
  const [own, ofContacts] = await Promise.all([entityHistory(ctx, 'customer', [id, ...mergedIds]), contactIds.length ? entityHistory(ctx, 'contact', contactIds) : []]);
  return { items: [...own, ...ofContacts].sort((a, b) => b.id - a.id) };
}

// ---------- contacts (CUS-3) ----------

type ContactRow = typeof contacts.$inferSelect;
export const toContactDto = (c: ContactRow) => ({
  id: c.id, customerId: c.customerId, name: c.name, title: c.title, phones: c.phones, email: c.email,
  decisionRole: (c.decisionRole ?? null) as 'decisionMaker' | 'influencer' | 'user' | 'purchaser' | null, reportsToId: c.reportsToId, notes: c.notes,
});

async function checkReportsTo(tx: DbOrTx, customerId: string, reportsToId: string | null | undefined, selfId?: string) {
  if (!reportsToId) return;
  if (reportsToId === selfId) throw invalid([issue('body.reportsToId', 'cycle', 'a contact cannot report to itself')]);
  const chain = await tx.select({ id: contacts.id, reportsToId: contacts.reportsToId }).from(contacts).where(eq(contacts.customerId, customerId));
  const up = new Map(chain.map((c) => [c.id, c.reportsToId]));
  if (!up.has(reportsToId)) throw invalid([issue('body.reportsToId', 'not_found', 'the contact reported to must belong to the same customer')]);
  // Walk up from the new manager: meeting this contact again would close a reporting cycle.
  const seen = new Set<string>();
  for (let at: string | null | undefined = reportsToId; at && !seen.has(at); at = up.get(at)) {
    if (at === selfId) throw invalid([issue('body.reportsToId', 'cycle', 'this would make a reporting cycle')]);
    seen.add(at);
  }
}

export async function addContact(ctx: Ctx, customerId: string, input: z.infer<typeof CreateContact>) {
  const { e164s, issues } = normalisePhones(input.phones ?? []);
  if (issues.length) throw invalid(issues);
  return ctx.db.transaction(async (tx) => {
    await updateScoped(ctx, tx, repo.customerFence, customerId, { lastTouchedAt: ctx.now() }, { extra: repo.live() });
    await checkReportsTo(tx, customerId, input.reportsToId);
    const row = await insertScoped<ContactRow>(ctx, tx, repo.contactFence, { ...input, phones: e164s, customerId });
    await repo.writePhones(tx, ctx.tenantId, customerId, e164s, row.id);
    return toContactDto(row);
  });
}

export async function updateContact(ctx: Ctx, customerId: string, contactId: string, input: z.infer<typeof UpdateContact>) {
  const norm = input.phones ? normalisePhones(input.phones) : null;
  if (norm?.issues.length) throw invalid(norm.issues);
  return ctx.db.transaction(async (tx) => {
    await updateScoped(ctx, tx, repo.customerFence, customerId, { lastTouchedAt: ctx.now() }, { extra: repo.live() });
    await checkReportsTo(tx, customerId, input.reportsToId, contactId);
    const { after } = await updateScoped<ContactRow>(ctx, tx, repo.contactFence, contactId, { ...input, ...(norm ? { phones: norm.e164s } : {}) }, { extra: eq(contacts.customerId, customerId) });
    if (norm) await repo.writePhones(tx, ctx.tenantId, customerId, norm.e164s, contactId);
    return toContactDto(after);
  });
}

export async function removeContact(ctx: Ctx, customerId: string, contactId: string) {
  return ctx.db.transaction(async (tx) => {
    await updateScoped(ctx, tx, repo.customerFence, customerId, { lastTouchedAt: ctx.now() }, { extra: repo.live() });
    const [c] = await tx.select().from(contacts).where(and(eq(contacts.tenantId, ctx.tenantId), eq(contacts.id, contactId), eq(contacts.customerId, customerId)));
    if (!c) throw notFound('contact');
    await tx.update(contacts).set({ reportsToId: null }).where(and(eq(contacts.customerId, customerId), eq(contacts.reportsToId, contactId)));
    await repo.writePhones(tx, ctx.tenantId, customerId, [], contactId);
    await deleteScoped(ctx, tx, repo.contactFence, contactId);
  });
}
