import { and, asc, desc, eq, getTableColumns, inArray, isNull, ne, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { scopedWhere, type Fence } from '../../platform/db/scoped.ts';
import { orgUnits, users, counters } from '../../platform/tenancy/tenancy.tables.ts';
import { normalisePhone, searchDigits } from '../../platform/phone.ts';
import { contacts, customerPhones, customers } from './customers.tables.ts';
import { classifyQuery, nameGrams, namePinyin, queryGrams } from './customers.search.ts';
import type { CustomerRow, CustomerRowWithNames } from './customers.dto.ts';

/** Customers belong to a store and an owner; the caller's data scope applies to both (PLAT-4). */
export const customerFence: Fence = { table: customers, unit: customers.storeId, owner: customers.ownerId, entity: 'customer' };
export const contactFence: Fence = { table: contacts, entity: 'contact' };

/** Live customers only: not deleted, not merged away. */
export const live = () => and(isNull(customers.deletedAt), isNull(customers.mergedIntoId));

export function visibleWhere(ctx: Ctx, ...extra: (SQL | undefined)[]) {
  return scopedWhere(ctx, customerFence, live(), ...extra);
}

/** Search columns derived from the name. */
export function searchColumns(name: string, kind: 'person' | 'company') {
  const py = namePinyin(name, kind);
  return { namePinyin: py.full, nameInitials: py.initials, nameGrams: nameGrams(name) };
}

export async function nextCustomerCode(tx: DbOrTx, tenantId: string): Promise<string> {
  const res = await tx
    .insert(counters)
    .values({ tenantId, name: 'customer', value: 1 })
    .onConflictDoUpdate({ target: [counters.tenantId, counters.name], set: { value: sql`${counters.value} + 1` } })
    .returning({ value: counters.value });
  return `C${String(res[0].value).padStart(7, '0')}`;
}

/** Replace a customer's phone index rows (customer's own numbers and its contacts'). */
export async function writePhones(tx: DbOrTx, tenantId: string, customerId: string, e164s: string[], contactId: string | null = null) {
  await tx
    .delete(customerPhones)
    .where(and(eq(customerPhones.customerId, customerId), contactId ? eq(customerPhones.contactId, contactId) : isNull(customerPhones.contactId)));
  const rows = e164s.map((e, i) => {
    const n = normalisePhone(e)!;
    return { tenantId, customerId, contactId, e164: n.e164, digits: n.digits, reversed: [...n.digits].reverse().join(''), position: i };
  });
  if (rows.length) await tx.insert(customerPhones).values(rows);
}

/** Condition for the free-text search `q`: name (any part), phone (any 4+ digits), pinyin, initials, code, tag. */
export function searchCondition(ctx: Ctx, q: string, opts: { phonesHidden: boolean }): SQL | undefined {
  const s = classifyQuery(q, searchDigits);
  if (!s) return undefined;
  const phoneMatch = (digits: string) =>
    opts.phonesHidden
      ? sql`false`
      : sql`${customers.id} IN (SELECT p.customer_id FROM customer_phones p WHERE p.tenant_id = ${ctx.tenantId} AND ${
          digits.length >= 7
            ? sql`p.reversed LIKE ${`${[...digits].reverse().join('')}%`} OR p.digits LIKE ${`%${digits}%`}`
            : sql`p.digits LIKE ${`%${digits}%`}`
        })`;
  switch (s.kind) {
    case 'phone':
      return phoneMatch(s.digits);
    case 'code':
      return eq(customers.code, s.code);
    case 'pinyin': {
      const like = `${s.term.replace(/[%_\\]/g, '')}%`;
      return sql`(${customers.namePinyin} LIKE ${like} OR ${customers.nameInitials} LIKE ${like} OR (${gramsContain(queryGrams(s.term))} AND lower(${customers.name}) LIKE ${`%${s.term}%`}))`;
    }
    case 'text': {
      const escaped = s.term.replace(/[%_\\]/g, '\\$&');
      return sql`((${gramsContain(s.grams)} AND lower(${customers.name}) LIKE ${`%${escaped.toLowerCase()}%`}) OR ${customers.tags} @> ARRAY[${s.term}]::text[])`;
    }
  }
}

/** The name contains all these grams (GIN on name_grams). */
function gramsContain(grams: string[]): SQL {
  if (!grams.length) return sql`true`;
  return sql`${customers.nameGrams} @> ARRAY[${sql.join(grams.map((g) => sql`${g}`), sql`, `)}]::text[]`;
}

const listColumns = {
  ...getTableColumns(customers),
  ownerName: users.displayName,
  storeName: orgUnits.name,
};

/** Customers with their owner's and store's names, in one query. */
export function selectWithNames(db: DbOrTx) {
  return db
    .select(listColumns)
    .from(customers)
    .leftJoin(users, eq(users.id, customers.ownerId))
    .leftJoin(orgUnits, eq(orgUnits.id, customers.storeId));
}

export async function findVisible(ctx: Ctx, db: DbOrTx, id: string): Promise<CustomerRowWithNames | null> {
  const rows = await selectWithNames(db).where(visibleWhere(ctx, eq(customers.id, id)));
  return rows[0] ?? null;
}

export type SortKey = 'createdAt' | 'updatedAt' | 'name';
const SORT_COLS = { createdAt: customers.createdAt, updatedAt: customers.updatedAt, name: customers.name } as const;

/** Keyset page: (sort value, id) after the cursor. Never OFFSET. */
export async function listPage(ctx: Ctx, where: SQL, sort: SortKey, order: 'asc' | 'desc', limit: number, cursor: [unknown, string] | null) {
  const col = SORT_COLS[sort];
  const after = cursor
    ? order === 'desc'
      ? sql`(${col}, ${customers.id}) < (${sort === 'name' ? cursor[0] : new Date(String(cursor[0]))}, ${cursor[1]})`
      : sql`(${col}, ${customers.id}) > (${sort === 'name' ? cursor[0] : new Date(String(cursor[0]))}, ${cursor[1]})`
    : undefined;
  const dir = order === 'desc' ? desc : asc;
  const rows = await selectWithNames(ctx.db)
    .where(after ? and(where, after) : where)
    .orderBy(dir(col), dir(customers.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const nextCursor =
    rows.length > limit && last
      ? Buffer.from(JSON.stringify([sort === 'name' ? last.name : (last[sort] as Date).toISOString(), last.id])).toString('base64url')
      : null;
  return { rows: page, nextCursor };
}

export function decodeCursor(c: string | undefined): [unknown, string] | null {
  if (!c) return null;
  try {
    const v = JSON.parse(Buffer.from(c, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2 && typeof v[1] === 'string' && /^[0-9a-f-]{36}$/.test(v[1])) return [v[0], v[1]];
  } catch {}
  return null;
}

/** Count capped at `cap`: an exact total for ordinary filters, "10,000+" for huge ones. */
export async function cappedCount(ctx: Ctx, where: SQL, cap = 10000): Promise<{ total: number; estimate: boolean }> {
  const res = await ctx.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM customers WHERE ${where} LIMIT ${cap + 1}) s`);
  const n = res.rows[0]?.n ?? 0;
  return { total: Math.min(n, cap), estimate: n > cap };
}

/** Existing customers of the tenant with any of these phones (all scopes: a duplicate elsewhere still matters). */
export async function customersWithPhones(db: DbOrTx, tenantId: string, e164s: string[], excludeId?: string) {
  if (!e164s.length) return [];
  return db
    .selectDistinct({ id: customers.id, name: customers.name, storeId: customers.storeId, ownerId: customers.ownerId, e164: customerPhones.e164 })
    .from(customerPhones)
    .innerJoin(customers, eq(customers.id, customerPhones.customerId))
    .where(and(eq(customerPhones.tenantId, tenantId), inArray(customerPhones.e164, e164s), live(), excludeId ? ne(customers.id, excludeId) : undefined));
}

export async function customersWithName(db: DbOrTx, tenantId: string, name: string, excludeId?: string) {
  return db
    .select({ id: customers.id, name: customers.name, phones: customers.phones, storeId: customers.storeId, ownerId: customers.ownerId })
    .from(customers)
    .where(and(eq(customers.tenantId, tenantId), eq(customers.name, name), live(), excludeId ? ne(customers.id, excludeId) : undefined))
    .limit(50);
}

export async function listContacts(ctx: Ctx, db: DbOrTx, customerId: string) {
  return db
    .select()
    .from(contacts)
    .where(and(eq(contacts.tenantId, ctx.tenantId), eq(contacts.customerId, customerId)))
    .orderBy(asc(contacts.createdAt));
}

export type { CustomerRow };
