import { and, asc, desc, eq, getTableColumns, inArray, isNull, ne, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { scopedWhere, type Fence } from '../../platform/db/scoped.ts';
import { orgUnits, users, counters } from '../../platform/tenancy/tenancy.tables.ts';
import { normalisePhone, searchDigits } from '../../platform/phone.ts';
import { contacts, customerPhones, customers } from './customers.tables.ts';
import { classifyQuery, nameGrams, namePinyin, queryGrams } from './customers.search.ts';
import type { CustomerRow, CustomerRowWithNames } from './customers.dto.ts';
import { decodeCursor as decodeKeyset, encodeCursor } from '../../platform/db/keyset.ts';

/**
 * Customers belong to a store and an owner; the caller's data scope applies to both (PLAT-4). Customers without an
 * owner form the store's shared pool (公海, CUS-6), which own-scope users of that store see too.
 */
export const customerFence: Fence = { table: customers, unit: customers.storeId, owner: customers.ownerId, sharedWhenUnowned: true, entity: 'customer' };
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
  return (await nextCustomerCodes(tx, tenantId, 1))[0];
}

/** `n` consecutive customer codes in one statement (imports). */
export async function nextCustomerCodes(tx: DbOrTx, tenantId: string, n: number): Promise<string[]> {
  if (n < 1) return [];
  const res = await tx
    .insert(counters)
    .values({ tenantId, name: 'customer', value: n })
    .onConflictDoUpdate({ target: [counters.tenantId, counters.name], set: { value: sql`${counters.value} + ${n}` } })
    .returning({ value: counters.value });
  const last = res[0].value;
  return Array.from({ length: n }, (_, i) => `C${String(last - n + 1 + i).padStart(7, '0')}`);
}

/** Phone index rows of one customer (or one of its contacts) from its E.164 numbers. */
export function phoneRows(tenantId: string, customerId: string, e164s: string[], contactId: string | null = null) {
  return e164s.map((e, i) => {
    const n = normalisePhone(e)!;
    return { tenantId, customerId, contactId, e164: n.e164, digits: n.digits, reversed: [...n.digits].reverse().join(''), position: i };
  });
}

/** Replace a customer's phone index rows (customer's own numbers and its contacts'). */
export async function writePhones(tx: DbOrTx, tenantId: string, customerId: string, e164s: string[], contactId: string | null = null) {
  await tx
    .delete(customerPhones)
    .where(and(eq(customerPhones.customerId, customerId), contactId ? eq(customerPhones.contactId, contactId) : isNull(customerPhones.contactId)));
  const rows = phoneRows(tenantId, customerId, e164s, contactId);
  if (rows.length) await tx.insert(customerPhones).values(rows);
}

/**
 * Condition for the free-text search `q`: name (any part), phone (any 4+ digits), pinyin, initials, code, tag.
 * A field hidden from the caller (PLAT-5) is not matched, so a search cannot probe its values.
 */
export function searchCondition(ctx: Ctx, q: string, opts: { phonesHidden: boolean; nameHidden?: boolean; tagsHidden?: boolean; codeHidden?: boolean }): SQL | undefined {
  const s = classifyQuery(q, searchDigits);
  if (!s) return undefined;
  const no = sql`false`;
  const phoneMatch = (digits: string) =>
    opts.phonesHidden
      ? no
      : sql`${customers.id} IN (SELECT p.customer_id FROM customer_phones p WHERE p.tenant_id = ${ctx.tenantId} AND ${
          digits.length >= 7
            ? sql`p.reversed LIKE ${`${[...digits].reverse().join('')}%`} OR p.digits LIKE ${`%${digits}%`}`
            : sql`p.digits LIKE ${`%${digits}%`}`
        })`;
  const tagMatch = (tag: string) => (opts.tagsHidden ? no : hasTag(tag));
  switch (s.kind) {
    case 'phone':
      return phoneMatch(s.digits);
    case 'code':
      return opts.codeHidden ? no : eq(customers.code, s.code);
    case 'pinyin': {
      const like = `${s.term.replace(/[%_\\]/g, '')}%`;
      // Latin letters: pinyin, initials, a Latin name, or a Latin tag ("VIP") as typed.
      const nameMatch = opts.nameHidden
        ? no
        : sql`(${customers.namePinyin} LIKE ${like} OR ${customers.nameInitials} LIKE ${like} OR (${gramsContain(queryGrams(s.term))} AND lower(${customers.name}) LIKE ${`%${q.trim().toLowerCase()}%`}))`;
      return sql`(${nameMatch} OR ${tagMatch(q.trim())})`;
    }
    case 'text': {
      const escaped = s.term.replace(/[%_\\]/g, '\\$&');
      const nameMatch = opts.nameHidden ? no : sql`(${gramsContain(s.grams)} AND lower(${customers.name}) LIKE ${`%${escaped.toLowerCase()}%`})`;
      return sql`(${nameMatch} OR ${tagMatch(s.term)})`;
    }
  }
}

/**
 * The customer carries this tag (GIN on tags). PostgreSQL estimates `tags @> ARRAY[x]` for a tag nobody has at 0.5% of
 * the rows (its floor for array containment); ORed into a name search, that made the planner walk the newest-first index
 * through the whole tenant looking for 21 matches that were not there (bench P5 at 100,000 customers: 180–270 ms for a
 * name, 0.5 ms otherwise). Stating the test twice (`@>` and `&&` mean the same for one element) squares the estimate: an
 * absent or rare tag is planned as rare, a common one still as common, and the name arm keeps its own index.
 */
export function hasTag(tag: string): SQL {
  return sql`(${customers.tags} @> ARRAY[${tag}]::text[] AND ${customers.tags} && ARRAY[${tag}]::text[])`;
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

/** Columns no customer DTO shows: search helpers (name_grams is the widest column), tenant and lifecycle markers. */
const NOT_SHOWN = ['tenantId', 'birthdayCalendar', 'birthdayMonth', 'birthdayDay', 'namePinyin', 'nameInitials', 'nameGrams', 'lastTouchedAt', 'mergedIntoId', 'deletedAt'] as const;
/**
 * What a list page reads: the DTO's columns only. Every column costs on each of the page's rows (building the select,
 * sending, parsing and mapping it); bench P1 spent a fifth of the request's CPU in drizzle building and mapping.
 */
const pageColumns = {
  ...(Object.fromEntries(Object.entries(getTableColumns(customers)).filter(([k]) => !(NOT_SHOWN as readonly string[]).includes(k))) as Omit<
    ReturnType<typeof getTableColumns<typeof customers>>,
    (typeof NOT_SHOWN)[number]
  >),
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

/** Ids of the customers in the caller's scope (deleted and merged ones too, their history stays), as a subquery. */
export const scopedCustomerIds = (ctx: Ctx) => ctx.db.select({ id: customers.id }).from(customers).where(scopedWhere(ctx, customerFence));
/** Ids of the contacts of those customers, as a subquery. */
export const scopedContactIds = (ctx: Ctx) =>
  ctx.db.select({ id: contacts.id }).from(contacts).where(and(eq(contacts.tenantId, ctx.tenantId), inArray(contacts.customerId, scopedCustomerIds(ctx))));

/** Whether the caller may see this customer (attachments and other modules ask before touching one). */
export async function isCustomerVisible(ctx: Ctx, id: string): Promise<boolean> {
  const rows = await ctx.db.select({ id: customers.id }).from(customers).where(visibleWhere(ctx, eq(customers.id, id)));
  return rows.length > 0;
}

export async function findVisible(ctx: Ctx, db: DbOrTx, id: string): Promise<CustomerRowWithNames | null> {
  const rows = await selectWithNames(db).where(visibleWhere(ctx, eq(customers.id, id)));
  return rows[0] ?? null;
}

export type SortKey = 'createdAt' | 'updatedAt' | 'name';
const SORT_COLS = { createdAt: customers.createdAt, updatedAt: customers.updatedAt, name: customers.name } as const;

/**
 * Keyset page: (sort value, id) after the cursor. Never OFFSET. Times go into the cursor at the database's full
 * (microsecond) precision: a JS Date would cut them to milliseconds and skip rows stamped within one millisecond.
 */
export async function listPage(ctx: Ctx, where: SQL, sort: SortKey, order: 'asc' | 'desc', limit: number, cursor: [unknown, string] | null) {
  const col = SORT_COLS[sort];
  const value = cursor ? (sort === 'name' ? sql`${cursor[0]}` : sql`${String(cursor[0])}::timestamptz`) : null;
  const after = cursor ? (order === 'desc' ? sql`(${col}, ${customers.id}) < (${value}, ${cursor[1]})` : sql`(${col}, ${customers.id}) > (${value}, ${cursor[1]})`) : undefined;
  const dir = order === 'desc' ? desc : asc;
  const sortKey = sort === 'name' ? customers.name : sql<string>`to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
  const rows = await ctx.db
    .select({ ...pageColumns, sortKey })
    .from(customers)
    .leftJoin(users, eq(users.id, customers.ownerId))
    .leftJoin(orgUnits, eq(orgUnits.id, customers.storeId))
    .where(after ? and(where, after) : where)
    .orderBy(dir(col), dir(customers.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const nextCursor = rows.length > limit && last ? encodeCursor(last.sortKey, last.id) : null;
  return { rows: page, nextCursor };
}

/** A cursor made by `listPage` for this sort, or null: the sort value must be a string (a name, or an ISO time for time sorts). */
export const decodeCursor = (c: string | undefined, sort: SortKey = 'createdAt'): [unknown, string] | null => decodeKeyset(c, sort === 'name' ? 'text' : 'timestamp');

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

export async function listContacts(ctx: Ctx, db: DbOrTx, customerId: string) {
  return db
    .select()
    .from(contacts)
    .where(and(eq(contacts.tenantId, ctx.tenantId), eq(contacts.customerId, customerId)))
    .orderBy(asc(contacts.createdAt));
}

export type { CustomerRow };
