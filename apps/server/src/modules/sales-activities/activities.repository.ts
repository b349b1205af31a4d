import { and, asc, desc, eq, getTableColumns, gte, inArray, isNotNull, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { alias, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { NEXT_STEP_COUNT_CAP, type ActivitySubjectType, type NextStepView } from '@jiake/shared';
import type { DbOrTx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { scopedWhere, type Fence } from '../../platform/db/scoped.ts';
import { decodeCursor, encodeCursor } from '../../platform/db/keyset.ts';
import { orgUnits, users } from '../../platform/tenancy/tenancy.tables.ts';
import { attachments } from '../../platform/files/files.tables.ts';
import { proposalVersions, salesActivities } from './activities.tables.ts';
import { dayStart } from './activities.time.ts';

/**
 * The only file that queries the activity tables. An activity belongs to its subject's store (copied when logged)
 * and to whoever logged it; that fence decides who may act on it and whose follow-up plan lists its next step. Who
 * may *read* it is its subject's business: a subject's timeline shows every activity of the subject.
 */
export const activityFence: Fence = { table: salesActivities, unit: salesActivities.storeId, owner: salesActivities.ownerId, entity: 'salesActivity' };

export type ActivityRow = typeof salesActivities.$inferSelect;
export type NewActivityRow = Omit<typeof salesActivities.$inferInsert, 'tenantId'>;
export type VersionRow = typeof proposalVersions.$inferSelect;
export type ActivityRowWithNames = ActivityRow & {
  storeName: string | null;
  ownerName: string | null;
  doneByName: string | null;
  invitedStoreName: string | null;
  receivedByName: string | null;
  editable: boolean;
};

/** Ids of the activities the caller's scope reaches (the audit trail's view of activities). */
export const scopedActivityIds = (ctx: Ctx) => ctx.db.select({ id: salesActivities.id }).from(salesActivities).where(scopedWhere(ctx, activityFence));

const store = alias(orgUnits, 'activity_store');
const invitedStore = alias(orgUnits, 'invited_store');
const owner = alias(users, 'activity_owner');
const doneBy = alias(users, 'step_done_by');
const receivedBy = alias(users, 'received_by');

function selectWithNames<E extends Record<string, SQL>>(ctx: Ctx, db: DbOrTx, extra: E = {} as E) {
  return db
    .select({
      ...getTableColumns(salesActivities),
      storeName: store.name,
      ownerName: owner.displayName,
      doneByName: doneBy.displayName,
      invitedStoreName: invitedStore.name,
      receivedByName: receivedBy.displayName,
      editable: sql<boolean>`(${scopedWhere(ctx, activityFence)})`,
      ...extra,
    })
    .from(salesActivities)
    .leftJoin(store, eq(store.id, salesActivities.storeId))
    .leftJoin(owner, eq(owner.id, salesActivities.ownerId))
    .leftJoin(doneBy, eq(doneBy.id, salesActivities.nextStepDoneById))
    .leftJoin(invitedStore, eq(invitedStore.id, salesActivities.invitedStoreId))
    .leftJoin(receivedBy, eq(receivedBy.id, salesActivities.receivedById));
}

/** One activity of the tenant with names, whatever the caller's scope (the caller has checked its subject). */
export async function findInTenant(ctx: Ctx, db: DbOrTx, id: string): Promise<ActivityRowWithNames | null> {
  const [row] = await selectWithNames(ctx, db).where(and(eq(salesActivities.tenantId, ctx.tenantId), eq(salesActivities.id, id)));
  return row ?? null;
}

/** What an activity is about, by id in the tenant (visibility checks of attachments and reads by id). */
export async function subjectOf(db: DbOrTx, tenantId: string, id: string): Promise<{ subjectType: ActivitySubjectType; subjectId: string } | null> {
  const [row] = await db
    .select({ subjectType: salesActivities.subjectType, subjectId: salesActivities.subjectId })
    .from(salesActivities)
    .where(and(eq(salesActivities.tenantId, tenantId), eq(salesActivities.id, id)));
  return row ?? null;
}

/** The activity a proposal version belongs to. */
export async function activityOfVersion(db: DbOrTx, tenantId: string, versionId: string): Promise<string | null> {
  const [row] = await db
    .select({ activityId: proposalVersions.activityId })
    .from(proposalVersions)
    .where(and(eq(proposalVersions.tenantId, tenantId), eq(proposalVersions.id, versionId)));
  return row?.activityId ?? null;
}

export interface SubjectRef {
  type: ActivitySubjectType;
  ids: string[];
}

/** Activities of some subjects: one subject's timeline, or a customer with its leads and opportunities. */
export function subjectsWhere(tenantId: string, subjects: SubjectRef[], kind?: string): SQL {
  const arms = subjects.filter((s) => s.ids.length).map((s) => and(eq(salesActivities.subjectType, s.type), inArray(salesActivities.subjectId, s.ids)));
  return and(eq(salesActivities.tenantId, tenantId), arms.length ? or(...arms) : sql`false`, kind ? eq(salesActivities.kind, kind as ActivityRow['kind']) : undefined)!;
}

/** A time column as a cursor key at the database's microsecond precision (a JS Date would cut it to milliseconds). */
const sortKeyOf = (col: AnyPgColumn) => sql<string>`to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** Keyset page over (time column, id), in either direction; never OFFSET. */
async function page(ctx: Ctx, where: SQL, order: { col: AnyPgColumn; dir: 'asc' | 'desc' }, limit: number, cursor: string | undefined) {
  const { col, dir } = order;
  const c = decodeCursor(cursor);
  const after = c ? (dir === 'desc' ? sql`(${col}, ${salesActivities.id}) < (${c[0]}::timestamptz, ${c[1]})` : sql`(${col}, ${salesActivities.id}) > (${c[0]}::timestamptz, ${c[1]})`) : undefined;
  const by = dir === 'desc' ? desc : asc;
  const rows = await selectWithNames(ctx, ctx.db, { sortKey: sortKeyOf(col) })
    .where(after ? and(where, after) : where)
    .orderBy(by(col), by(salesActivities.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { rows: items as (ActivityRowWithNames & { sortKey: string })[], nextCursor: rows.length > limit && last ? encodeCursor(last.sortKey, last.id) : null };
}

/** Newest first by the time it happened. */
export const timelinePage = (ctx: Ctx, where: SQL, limit: number, cursor?: string) => page(ctx, where, { col: salesActivities.occurredAt, dir: 'desc' }, limit, cursor);

/** Activities of some subjects at or before a (time, id) position, newest first (the merged customer timeline). */
export async function timelineBefore(ctx: Ctx, where: SQL, limit: number, before: [string, string] | null) {
  const cond = before ? and(where, sql`(${salesActivities.occurredAt}, ${salesActivities.id}) < (${before[0]}::timestamptz, ${before[1]})`) : where;
  const rows = await selectWithNames(ctx, ctx.db, { sortKey: sortKeyOf(salesActivities.occurredAt) })
    .where(cond)
    .orderBy(desc(salesActivities.occurredAt), desc(salesActivities.id))
    .limit(limit);
  return rows as (ActivityRowWithNames & { sortKey: string })[];
}

// ---------- next steps (the follow-up plan) ----------

const pendingStep = () => and(isNotNull(salesActivities.nextStepDueAt), isNull(salesActivities.nextStepDoneAt))!;

/** Each view at `now`: its condition and keyset order. */
export function viewOf(view: NextStepView, now: Date): { where: SQL; col: AnyPgColumn; dir: 'asc' | 'desc' } {
  const today = dayStart(now);
  const tomorrow = dayStart(now, 1);
  const due = salesActivities.nextStepDueAt;
  switch (view) {
    case 'today':
      return { where: and(pendingStep(), gte(due, today), lt(due, tomorrow))!, col: due, dir: 'asc' };
    case 'overdue':
      return { where: and(pendingStep(), lt(due, today))!, col: due, dir: 'asc' };
    case 'upcoming':
      return { where: and(pendingStep(), gte(due, tomorrow))!, col: due, dir: 'asc' };
    case 'done':
      return { where: and(isNotNull(due), isNotNull(salesActivities.nextStepDoneAt))!, col: salesActivities.nextStepDoneAt, dir: 'desc' };
  }
}

/** The caller's scope and the plan's filters: `me` (default), everyone in scope, or one user; optionally one store. */
export function planWhere(ctx: Ctx, f: { owner: string; storeId?: string }, ...extra: SQL[]): SQL {
  const ownerId = f.owner === 'me' ? ctx.actor.id : f.owner === 'all' ? null : f.owner;
  return scopedWhere(
    ctx,
    activityFence,
    ...extra,
    ownerId ? eq(salesActivities.ownerId, ownerId) : undefined,
    f.storeId ? eq(salesActivities.storeId, f.storeId) : undefined,
  );
}

export const nextStepPage = (ctx: Ctx, where: SQL, order: { col: AnyPgColumn; dir: 'asc' | 'desc' }, limit: number, cursor?: string) => page(ctx, where, order, limit, cursor);

/** Tab counts, each capped (one statement; each arm stops at the cap). */
export async function countViews(ctx: Ctx, where: SQL, now: Date) {
  const arm = (view: NextStepView) =>
    sql`(SELECT count(*)::int FROM (SELECT 1 FROM sales_activities WHERE ${where} AND ${viewOf(view, now).where} LIMIT ${NEXT_STEP_COUNT_CAP}) s)`;
  const r = await ctx.db.execute<{ today: number; overdue: number; upcoming: number; done: number }>(
    sql`SELECT ${arm('today')} AS today, ${arm('overdue')} AS overdue, ${arm('upcoming')} AS upcoming, ${arm('done')} AS done`,
  );
  return r.rows[0];
}

/** "My work today": the caller's own pending steps due before `before` (overdue ones included), oldest due first. */
export function myStepsDue(ctx: Ctx, range: { from?: Date; before: Date }, limit: number) {
  return ctx.db
    .select()
    .from(salesActivities)
    .where(
      scopedWhere(
        ctx,
        activityFence,
        eq(salesActivities.ownerId, ctx.actor.id),
        pendingStep(),
        lt(salesActivities.nextStepDueAt, range.before),
        range.from ? gte(salesActivities.nextStepDueAt, range.from) : undefined,
      ),
    )
    .orderBy(asc(salesActivities.nextStepDueAt), asc(salesActivities.id))
    .limit(limit);
}

/** "My work today": the caller's own proposals presented and not answered yet, longest waiting first. */
export function myPresentedProposals(ctx: Ctx, limit: number) {
  return ctx.db
    .select()
    .from(salesActivities)
    .where(scopedWhere(ctx, activityFence, eq(salesActivities.ownerId, ctx.actor.id), eq(salesActivities.kind, 'proposal'), eq(salesActivities.status, 'presented')))
    .orderBy(asc(salesActivities.statusAt), asc(salesActivities.id))
    .limit(limit);
}

// ---------- reminders ----------

/** Pending steps of the tenant that have come due and whose owner was not reminded of this due time yet. */
export function dueUnreminded(db: DbOrTx, tenantId: string, now: Date, limit: number) {
  return db
    .select({
      id: salesActivities.id,
      ownerId: salesActivities.ownerId,
      kind: salesActivities.kind,
      subjectType: salesActivities.subjectType,
      subjectId: salesActivities.subjectId,
      subjectName: salesActivities.subjectName,
      text: salesActivities.nextStepText,
      dueAt: salesActivities.nextStepDueAt,
    })
    .from(salesActivities)
    .where(
      and(
        eq(salesActivities.tenantId, tenantId),
        pendingStep(),
        lte(salesActivities.nextStepDueAt, now),
        sql`${salesActivities.nextStepNotifiedDueAt} IS DISTINCT FROM ${salesActivities.nextStepDueAt}`,
        isNotNull(salesActivities.ownerId),
      ),
    )
    .orderBy(asc(salesActivities.nextStepDueAt), asc(salesActivities.id))
    .limit(limit);
}

/** Remember that the owner was reminded of the step due at `dueAt` (unless it was moved meanwhile). */
export async function markReminded(tx: DbOrTx, tenantId: string, id: string, dueAt: Date) {
  await tx
    .update(salesActivities)
    .set({ nextStepNotifiedDueAt: dueAt })
    .where(and(eq(salesActivities.tenantId, tenantId), eq(salesActivities.id, id), eq(salesActivities.nextStepDueAt, dueAt)));
}

// ---------- proposal versions ----------

const versionAuthor = alias(users, 'version_author');

export async function versionsOf(db: DbOrTx, tenantId: string, activityIds: string[]) {
  if (!activityIds.length) return [];
  return db
    .select({ ...getTableColumns(proposalVersions), createdByName: versionAuthor.displayName })
    .from(proposalVersions)
    .leftJoin(versionAuthor, eq(versionAuthor.id, proposalVersions.createdById))
    .where(and(eq(proposalVersions.tenantId, tenantId), inArray(proposalVersions.activityId, activityIds)))
    .orderBy(asc(proposalVersions.activityId), asc(proposalVersions.number));
}

/** The latest version of a proposal, locked (its activity row is locked by the caller already). */
export async function latestVersion(tx: DbOrTx, tenantId: string, activityId: string): Promise<VersionRow | null> {
  const [row] = await tx
    .select()
    .from(proposalVersions)
    .where(and(eq(proposalVersions.tenantId, tenantId), eq(proposalVersions.activityId, activityId)))
    .orderBy(desc(proposalVersions.number))
    .limit(1)
    .for('update');
  return row ?? null;
}

export async function insertVersion(tx: DbOrTx, values: Omit<typeof proposalVersions.$inferInsert, 'id'>): Promise<VersionRow> {
  const [row] = await tx.insert(proposalVersions).values(values).returning();
  return row;
}

export async function updateVersion(tx: DbOrTx, tenantId: string, id: string, patch: Partial<VersionRow>) {
  await tx.update(proposalVersions).set(patch).where(and(eq(proposalVersions.tenantId, tenantId), eq(proposalVersions.id, id)));
}

// ---------- attachments, stores, users ----------

/** Live attachments of some activities or proposal versions, oldest first (photos in the order they were taken). */
export async function attachmentsOf(db: DbOrTx, tenantId: string, entityType: 'salesActivity' | 'proposalVersion', ids: string[]) {
  if (!ids.length) return [];
  return db
    .select({
      id: attachments.id,
      entityId: attachments.entityId,
      fileName: attachments.filename,
      mime: attachments.mime,
      size: attachments.size,
      uploadedBy: attachments.uploadedBy,
      createdAt: attachments.createdAt,
    })
    .from(attachments)
    .where(and(eq(attachments.tenantId, tenantId), eq(attachments.entityType, entityType), inArray(attachments.entityId, ids), isNull(attachments.deletedAt)))
    .orderBy(asc(attachments.createdAt), asc(attachments.id));
}

/** An open store of the tenant (an invitation's store). */
export async function openStore(db: DbOrTx, tenantId: string, id: string): Promise<{ id: string; name: string } | null> {
  const [row] = await db
    .select({ id: orgUnits.id, name: orgUnits.name })
    .from(orgUnits)
    .where(and(eq(orgUnits.tenantId, tenantId), eq(orgUnits.id, id), eq(orgUnits.kind, 'store'), eq(orgUnits.status, 'active')));
  return row ?? null;
}

/** The store a user works in, when it is a store (the default store of an invitation without a subject store). */
export async function storeOfUnit(db: DbOrTx, tenantId: string, unitId: string): Promise<string | null> {
  const [row] = await db
    .select({ id: orgUnits.id })
    .from(orgUnits)
    .where(and(eq(orgUnits.tenantId, tenantId), eq(orgUnits.id, unitId), eq(orgUnits.kind, 'store')));
  return row?.id ?? null;
}

export async function activeUserExists(db: DbOrTx, tenantId: string, id: string): Promise<boolean> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.id, id), eq(users.status, 'active')));
  return rows.length > 0;
}

/** Move the activities of merged customers to the surviving customer; answers each moved activity with its former customer. */
export async function repointCustomer(tx: DbOrTx, tenantId: string, fromIds: string[], toId: string, toName: string | null) {
  if (!fromIds.length) return [];
  const where = and(eq(salesActivities.tenantId, tenantId), eq(salesActivities.subjectType, 'customer'), inArray(salesActivities.subjectId, fromIds));
  const moved = await tx.select({ id: salesActivities.id, customerId: salesActivities.subjectId }).from(salesActivities).where(where).for('update');
  if (moved.length) await tx.update(salesActivities).set({ subjectId: toId, ...(toName ? { subjectName: toName } : {}) }).where(where);
  return moved;
}
