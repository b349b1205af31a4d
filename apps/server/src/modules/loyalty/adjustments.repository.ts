import { and, desc, eq, getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { scopedWhere, visibleIn, type Fence } from '../../platform/db/scoped.ts';
import { encodeCursor } from '../../platform/db/keyset.ts';
import { loyaltyAdjustments, loyaltyMembers } from './loyalty.tables.ts';

export type AdjustmentRow = typeof loyaltyAdjustments.$inferSelect;
export type AdjustmentRowWithNumber = AdjustmentRow & { memberNumber: string };

/** Adjustments belong to their member's join store (unit), like the member. */
export const adjustmentFence: Fence = { table: loyaltyAdjustments, unit: loyaltyAdjustments.storeId, entity: 'loyaltyAdjustment' };
export const isAdjustmentVisible = visibleIn(adjustmentFence);
export const scopedAdjustmentIds = (ctx: Ctx) => ctx.db.select({ id: loyaltyAdjustments.id }).from(loyaltyAdjustments).where(scopedWhere(ctx, adjustmentFence));

const withNumber = { ...getTableColumns(loyaltyAdjustments), memberNumber: loyaltyMembers.number };
const selectWithNumber = <E extends Record<string, SQL>>(db: DbOrTx, extra?: E) =>
  db
    .select({ ...withNumber, ...(extra ?? ({} as E)) })
    .from(loyaltyAdjustments)
    .innerJoin(loyaltyMembers, eq(loyaltyMembers.id, loyaltyAdjustments.memberId));

export async function findVisible(ctx: Ctx, db: DbOrTx, id: string): Promise<AdjustmentRowWithNumber | null> {
  const rows = await selectWithNumber(db).where(scopedWhere(ctx, adjustmentFence, eq(loyaltyAdjustments.id, id)));
  return rows[0] ?? null;
}

export function listWhere(ctx: Ctx, q: { status?: string; memberId?: string }): SQL {
  return scopedWhere(
    ctx,
    adjustmentFence,
    q.status ? eq(loyaltyAdjustments.status, q.status as AdjustmentRow['status']) : undefined,
    q.memberId ? eq(loyaltyAdjustments.memberId, q.memberId) : undefined,
  );
}

export async function listPage(db: DbOrTx, where: SQL, limit: number, cursor: [string, string] | null) {
  const after = cursor ? sql`(${loyaltyAdjustments.createdAt}, ${loyaltyAdjustments.id}) < (${cursor[0]}::timestamptz, ${cursor[1]})` : undefined;
  const sortKey = sql<string>`to_char(${loyaltyAdjustments.createdAt} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
  const rows = await selectWithNumber(db, { sortKey })
    .where(after ? and(where, after) : where)
    .orderBy(desc(loyaltyAdjustments.createdAt), desc(loyaltyAdjustments.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, nextCursor: rows.length > limit && last ? encodeCursor(last.sortKey, last.id) : null };
}
