import { and, asc, desc, eq, getTableColumns, gte, isNull, lt, ne, sql, type SQL } from 'drizzle-orm';
import { alias, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { FOLLOWUP_COUNT_CAP, FOLLOWUP_UPCOMING_DAYS, type FollowupView } from '@jiake/shared';
import type { DbOrTx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { scopedWhere, type Fence } from '../../platform/db/scoped.ts';
import { orgUnits, users } from '../../platform/tenancy/tenancy.tables.ts';
import { followupDigests, followupOrderRefs, followupSteps, followupTemplates } from './followups.tables.ts';
import { dayStart } from './followups.schedule.ts';
import type { StepTemplate } from './followups.defaults.ts';
import { customerNamesByIds } from '../customers/index.ts';
import { decodeCursor as decodeKeyset, encodeCursor } from '../../platform/db/keyset.ts';

/**
 * The only file that queries the follow-up tables. Steps belong to a store (the order's) and an owner; the caller's
 * data scope applies to both (PLAT-4). An unowned step (no one in the store could take it) is shared with the
 * store's staff, like the customer pool.
 */
export const stepFence: Fence = { table: followupSteps, unit: followupSteps.storeId, owner: followupSteps.ownerId, sharedWhenUnowned: true, entity: 'followupStep' };

export type StepRow = typeof followupSteps.$inferSelect;
export type NewStepRow = typeof followupSteps.$inferInsert;
export type OrderRefRow = typeof followupOrderRefs.$inferSelect;
export type StepRowWithNames = StepRow & { ownerName: string | null; storeName: string | null; doneByName: string | null };

// ---------- templates ----------

const ownerUser = alias(users, 'template_owner');

/** The tenant's own step list (empty: the defaults apply), in order. */
export async function tenantTemplates(db: DbOrTx, tenantId: string): Promise<(StepTemplate & { ownerUserName: string | null })[]> {
  const rows = await db
    .select({ ...getTableColumns(followupTemplates), ownerUserName: ownerUser.displayName })
    .from(followupTemplates)
    .leftJoin(ownerUser, eq(ownerUser.id, followupTemplates.ownerUserId))
    .where(eq(followupTemplates.tenantId, tenantId))
    .orderBy(asc(followupTemplates.position), asc(followupTemplates.key));
  return rows;
}

/** Replace the tenant's step list (the caller audits before/after). */
export async function replaceTemplates(tx: DbOrTx, tenantId: string, items: StepTemplate[], now: Date) {
  await tx.delete(followupTemplates).where(eq(followupTemplates.tenantId, tenantId));
  if (items.length) await tx.insert(followupTemplates).values(items.map((t) => ({ ...t, tenantId, createdAt: now, updatedAt: now })));
}

/** Serialise template changes of one tenant (two admins saving at once must not interleave delete and insert). */
export async function lockTemplates(tx: DbOrTx, tenantId: string) {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('followup_templates'), hashtext(${tenantId}))`);
}

// ---------- what the module knows of orders ----------

export async function lockOrderRef(tx: DbOrTx, tenantId: string, orderId: string): Promise<OrderRefRow | null> {
  const [row] = await tx
    .select()
    .from(followupOrderRefs)
    .where(and(eq(followupOrderRefs.tenantId, tenantId), eq(followupOrderRefs.orderId, orderId)))
    .for('update');
  return row ?? null;
}

/**
 * The order's row, made on first sight of any of its events (the identity fields come from every payload), and
 * locked: events of one order are applied one at a time.
 */
export async function ensureOrderRef(
  tx: DbOrTx,
  tenantId: string,
  o: { orderId: string; orderNo: string; customerId: string; storeId: string; salespersonId: string | null },
  now: Date,
): Promise<OrderRefRow> {
  await tx
    .insert(followupOrderRefs)
    .values({ tenantId, ...o, createdAt: now, updatedAt: now })
    .onConflictDoNothing({ target: [followupOrderRefs.tenantId, followupOrderRefs.orderId] });
  return (await lockOrderRef(tx, tenantId, o.orderId))!;
}

export async function updateOrderRef(tx: DbOrTx, id: string, patch: Partial<OrderRefRow>, now: Date): Promise<OrderRefRow> {
  const [row] = await tx
    .update(followupOrderRefs)
    .set({ ...patch, updatedAt: now })
    .where(eq(followupOrderRefs.id, id))
    .returning();
  return row;
}

export async function orderRefById(db: DbOrTx, tenantId: string, orderId: string): Promise<OrderRefRow | null> {
  const [row] = await db
    .select()
    .from(followupOrderRefs)
    .where(and(eq(followupOrderRefs.tenantId, tenantId), eq(followupOrderRefs.orderId, orderId)));
  return row ?? null;
}

// ---------- names for messages and lists ----------

export async function storeName(db: DbOrTx, tenantId: string, storeId: string): Promise<string | null> {
  const [u] = await db
    .select({ name: orgUnits.name })
    .from(orgUnits)
    .where(and(eq(orgUnits.tenantId, tenantId), eq(orgUnits.id, storeId)));
  return u?.name ?? null;
}

/** The customer's name for the message ({客户姓名}), kept on the step. */
export async function customerName(db: DbOrTx, tenantId: string, customerId: string): Promise<string | null> {
  return (await customerNamesByIds(db, tenantId, [customerId])).get(customerId) ?? null;
}

// ---------- who can own a step ----------

export interface Editor {
  id: string;
  displayName: string;
  /** The user sits in the step's store (else a regional or head-office user whose scope reaches it). */
  inStore: boolean;
}

/**
 * Active users who may work the steps of a store: they may edit follow-ups (any of their roles) and their widest data
 * scope reaches the store (tenant; subtree above the store; unit or own: in the store). Store users first, the widest
 * scope first (the store manager before the sales staff), then the longest-serving. With `ids`, only those users.
 */
export async function storeEditors(db: DbOrTx, tenantId: string, storeId: string, ids?: string[]): Promise<Editor[]> {
  if (ids && !ids.length) return [];
  const r = await db.execute<{ id: string; displayName: string; inStore: boolean }>(sql`
    WITH store AS (SELECT path FROM org_units WHERE tenant_id = ${tenantId} AND id = ${storeId})
    SELECT u.id, u.display_name AS "displayName", (u.unit_id = ${storeId}) AS "inStore"
      FROM users u
      JOIN org_units uu ON uu.id = u.unit_id
      JOIN user_roles ur ON ur.user_id = u.id
      JOIN roles r ON r.id = ur.role_id
     WHERE u.tenant_id = ${tenantId} AND u.status = 'active'
       ${ids ? sql`AND u.id IN (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})` : sql``}
     GROUP BY u.id, u.display_name, u.unit_id, uu.path, u.created_at
    HAVING bool_or(r.permissions @> ARRAY['followups:edit']::text[])
       AND (bool_or(r.data_scope = 'tenant')
            OR (bool_or(r.data_scope = 'subtree') AND (SELECT path FROM store) LIKE uu.path || '%')
            OR u.unit_id = ${storeId})
     ORDER BY (u.unit_id = ${storeId}) DESC,
              max(CASE r.data_scope WHEN 'tenant' THEN 4 WHEN 'subtree' THEN 3 WHEN 'unit' THEN 2 ELSE 1 END) DESC,
              u.created_at, u.id
     LIMIT 500`);
  return r.rows;
}

export async function activeUserExists(db: DbOrTx, tenantId: string, id: string): Promise<boolean> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.id, id), eq(users.status, 'active')));
  return rows.length > 0;
}

// ---------- steps ----------

/** Insert steps; one per order and key: a step that exists already is left alone. Answers the inserted rows. */
export async function insertSteps(tx: DbOrTx, rows: NewStepRow[]): Promise<StepRow[]> {
  if (!rows.length) return [];
  return tx
    .insert(followupSteps)
    .values(rows)
    .onConflictDoNothing({ target: [followupSteps.tenantId, followupSteps.orderId, followupSteps.stepKey] })
    .returning();
}

/** Pending steps of an order, locked (event subscribers move or close them). */
export async function pendingStepsOfOrder(tx: DbOrTx, tenantId: string, orderId: string): Promise<StepRow[]> {
  return tx
    .select()
    .from(followupSteps)
    .where(and(eq(followupSteps.tenantId, tenantId), eq(followupSteps.orderId, orderId), eq(followupSteps.status, 'pending')))
    .orderBy(asc(followupSteps.position))
    .for('update');
}

const owner = alias(users, 'step_owner');
const doneBy = alias(users, 'step_done_by');
const stepColumns = {
  ...getTableColumns(followupSteps),
  ownerName: owner.displayName,
  storeName: orgUnits.name,
  doneByName: doneBy.displayName,
};

function selectWithNames<E extends Record<string, SQL>>(db: DbOrTx, extra: E = {} as E) {
  return db
    .select({ ...stepColumns, ...extra })
    .from(followupSteps)
    .leftJoin(owner, eq(owner.id, followupSteps.ownerId))
    .leftJoin(doneBy, eq(doneBy.id, followupSteps.doneBy))
    .leftJoin(orgUnits, eq(orgUnits.id, followupSteps.storeId));
}

/** One step the caller may see, with names; null otherwise. */
export async function findVisible(ctx: Ctx, db: DbOrTx, id: string): Promise<StepRowWithNames | null> {
  const [row] = await selectWithNames(db).where(scopedWhere(ctx, stepFence, eq(followupSteps.id, id)));
  return row ?? null;
}

/** One step of the tenant with names, whatever the caller's scope (the answer to a change the caller just made). */
export async function findInTenant(db: DbOrTx, tenantId: string, id: string): Promise<StepRowWithNames | null> {
  const [row] = await selectWithNames(db).where(and(eq(followupSteps.tenantId, tenantId), eq(followupSteps.id, id)));
  return row ?? null;
}

/** The steps of one order the caller may see, in template order. */
export async function visibleStepsOfOrder(ctx: Ctx, orderId: string): Promise<StepRowWithNames[]> {
  return selectWithNames(ctx.db)
    .where(scopedWhere(ctx, stepFence, eq(followupSteps.orderId, orderId)))
    .orderBy(asc(followupSteps.position), asc(followupSteps.stepKey));
}

/** Ids of the steps the caller may see (audit trail scope). */
export const scopedStepIds = (ctx: Ctx) => ctx.db.select({ id: followupSteps.id }).from(followupSteps).where(scopedWhere(ctx, stepFence));

export interface StepFilters {
  mine?: boolean;
  storeId?: string;
  ownerId?: string;
  stepKey?: string;
}

/** The caller's scope and the filters of the work list. */
export function filterWhere(ctx: Ctx, f: StepFilters, ...extra: SQL[]): SQL {
  return scopedWhere(
    ctx,
    stepFence,
    ...extra,
    f.mine ? eq(followupSteps.ownerId, ctx.actor.id) : undefined,
    f.storeId ? eq(followupSteps.storeId, f.storeId) : undefined,
    f.ownerId ? eq(followupSteps.ownerId, f.ownerId) : undefined,
    f.stepKey ? eq(followupSteps.stepKey, f.stepKey) : undefined,
  );
}

const pending = () => eq(followupSteps.status, 'pending');

/** Each view: its condition at `now` and its keyset order (a time column, then id). */
export function viewOf(view: FollowupView, now: Date): { where: SQL; col: AnyPgColumn; dir: 'asc' | 'desc' } {
  const today = dayStart(now);
  const tomorrow = dayStart(now, 1);
  switch (view) {
    case 'today':
      return { where: and(pending(), gte(followupSteps.dueAt, today), lt(followupSteps.dueAt, tomorrow))!, col: followupSteps.dueAt, dir: 'asc' };
    case 'overdue':
      return { where: and(pending(), lt(followupSteps.dueAt, now))!, col: followupSteps.dueAt, dir: 'asc' };
    case 'upcoming':
      return {
        where: and(pending(), gte(followupSteps.dueAt, tomorrow), lt(followupSteps.dueAt, dayStart(now, 1 + FOLLOWUP_UPCOMING_DAYS)))!,
        col: followupSteps.dueAt,
        dir: 'asc',
      };
    case 'unscheduled':
      return { where: and(pending(), isNull(followupSteps.dueAt))!, col: followupSteps.createdAt, dir: 'asc' };
    case 'closed':
      return { where: ne(followupSteps.status, 'pending'), col: followupSteps.closedAt, dir: 'desc' };
    case 'all':
      return { where: sql`true`, col: followupSteps.createdAt, dir: 'desc' };
  }
}

/**
 * Keyset page: (time, id) after the cursor, never OFFSET. Times go into the cursor at the database's microsecond
 * precision (a JS Date would cut them to milliseconds and skip rows).
 */
export async function listPage(ctx: Ctx, where: SQL, order: { col: AnyPgColumn; dir: 'asc' | 'desc' }, limit: number, cursor: [string, string] | null) {
  const { col, dir } = order;
  const value = cursor ? sql`${cursor[0]}::timestamptz` : null;
  const after = cursor ? (dir === 'desc' ? sql`(${col}, ${followupSteps.id}) < (${value}, ${cursor[1]})` : sql`(${col}, ${followupSteps.id}) > (${value}, ${cursor[1]})`) : undefined;
  const by = dir === 'desc' ? desc : asc;
  const sortKey = sql<string>`to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
  const rows = await selectWithNames(ctx.db, { sortKey })
    .where(after ? and(where, after) : where)
    .orderBy(by(col), by(followupSteps.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const nextCursor = rows.length > limit && last ? encodeCursor(last.sortKey, last.id) : null;
  return { rows: page as (StepRowWithNames & { sortKey: string })[], nextCursor };
}

/** A cursor made by `listPage`, or null. */
export const decodeCursor = (c: string | undefined) => decodeKeyset(c);

/** Badge counts of the pending views, each capped (one statement, each arm stops at the cap). */
export async function countViews(ctx: Ctx, where: SQL, now: Date) {
  const arm = (view: FollowupView) =>
    sql`(SELECT count(*)::int FROM (SELECT 1 FROM followup_steps WHERE ${where} AND ${viewOf(view, now).where} LIMIT ${FOLLOWUP_COUNT_CAP}) s)`;
  const r = await ctx.db.execute<{ today: number; overdue: number; upcoming: number; unscheduled: number }>(
    sql`SELECT ${arm('today')} AS today, ${arm('overdue')} AS overdue, ${arm('upcoming')} AS upcoming, ${arm('unscheduled')} AS unscheduled`,
  );
  return r.rows[0];
}

// ---------- the morning digest ----------

export type DigestLine = {
  ownerId: string;
  ownerName: string;
  email: string;
  dueToday: number;
  overdue: number;
  stepName: string;
  customerName: string | null;
  orderNo: string;
  dueAt: Date;
  allDay: boolean;
};

/**
 * Owners with pending steps due before `tomorrow` (overdue or due today) and an e-mail address, each with its counts
 * and its first `perOwner` steps, oldest due first.
 */
export async function digestLines(db: DbOrTx, tenantId: string, now: Date, tomorrow: Date, perOwner: number): Promise<DigestLine[]> {
  const r = await db.execute<Omit<DigestLine, 'dueAt'> & { dueAt: string | Date }>(sql`
    SELECT * FROM (
      SELECT s.owner_id AS "ownerId", u.display_name AS "ownerName", u.email,
             (count(*) FILTER (WHERE s.due_at >= ${now}) OVER w)::int AS "dueToday",
             (count(*) FILTER (WHERE s.due_at < ${now}) OVER w)::int AS "overdue",
             row_number() OVER (PARTITION BY s.owner_id ORDER BY s.due_at, s.id) AS n,
             s.step_name AS "stepName", s.customer_name AS "customerName", s.order_no AS "orderNo", s.due_at AS "dueAt", s.all_day AS "allDay"
        FROM followup_steps s
        JOIN users u ON u.id = s.owner_id AND u.tenant_id = s.tenant_id
       WHERE s.tenant_id = ${tenantId} AND s.status = 'pending' AND s.due_at < ${tomorrow}
         AND u.status = 'active' AND u.email IS NOT NULL AND u.email <> ''
      WINDOW w AS (PARTITION BY s.owner_id)
    ) x WHERE n <= ${perOwner}
    ORDER BY "ownerId", n`);
  return r.rows.map((row) => ({ ...row, dueAt: new Date(row.dueAt) }));
}

/** Claim the digest of one owner and day; false when it was made already. */
export async function claimDigest(tx: DbOrTx, row: typeof followupDigests.$inferInsert): Promise<string | null> {
  const [made] = await tx.insert(followupDigests).values(row).onConflictDoNothing().returning({ id: followupDigests.id });
  return made?.id ?? null;
}

export async function setDigestMessage(tx: DbOrTx, id: string, messageId: string) {
  await tx.update(followupDigests).set({ messageId }).where(eq(followupDigests.id, id));
}
