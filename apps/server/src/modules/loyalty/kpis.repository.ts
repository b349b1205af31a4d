import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';

/**
 * Aggregates of the member KPIs (two statements whatever the number of members). `members` is the condition on
 * loyalty_members that picks the caller's members (tenant, data scope by join store, the store filter).
 * Entries count for the member of the card that moved them, or the account's primary member when none is named
 * (expiry is per account), so a family account's points are never counted twice.
 */

export interface Period {
  from: string;
  to: string;
}
const start = (day: string) => sql`(${day}::date::timestamp AT TIME ZONE 'Asia/Shanghai')`;
const end = (day: string) => sql`((${day}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`;

export interface MemberPointTotals {
  total: number;
  new: number;
  active: number;
  earned: number;
  adjusted: number;
  adjustedIn: number;
  redeemed: number;
  expired: number;
  reversed: number;
  liability: number;
}

export async function memberPointTotals(db: DbOrTx, tenantId: string, members: SQL, p: Period): Promise<MemberPointTotals> {
  const r = await db.execute<Record<keyof MemberPointTotals, string | number | null>>(sql`
    WITH m AS (
      SELECT id, account_id, enrolled_at FROM loyalty_members WHERE ${members}
    ), e AS (
      SELECT e.kind, e.points, coalesce(e.member_id, a.primary_member_id) AS member_id
        FROM points_entries e
        JOIN loyalty_accounts a ON a.tenant_id = e.tenant_id AND a.id = e.account_id
       WHERE e.tenant_id = ${tenantId}
         AND e.account_id IN (SELECT account_id FROM m)
         AND coalesce(e.member_id, a.primary_member_id) IN (SELECT id FROM m)
         AND e.created_at >= ${start(p.from)} AND e.created_at < ${end(p.to)}
    ), points AS (
      SELECT count(DISTINCT member_id) FILTER (WHERE kind IN ('earn', 'redeem')) AS active,
             coalesce(sum(points) FILTER (WHERE kind = 'earn'), 0) AS earned,
             coalesce(sum(points) FILTER (WHERE kind = 'adjust'), 0) AS adjusted,
             coalesce(sum(points) FILTER (WHERE kind = 'adjust' AND points > 0), 0) AS adjusted_in,
             coalesce(-sum(points) FILTER (WHERE kind IN ('redeem', 'redeem_cancel')), 0) AS redeemed,
             coalesce(-sum(points) FILTER (WHERE kind = 'expire'), 0) AS expired,
             coalesce(-sum(points) FILTER (WHERE kind = 'reverse'), 0) AS reversed
        FROM e
    )
    SELECT (SELECT count(*) FROM m) AS total,
           (SELECT count(*) FROM m WHERE enrolled_at >= ${start(p.from)} AND enrolled_at < ${end(p.to)}) AS new,
           points.active, points.earned, points.adjusted, points.adjusted_in AS "adjustedIn", points.redeemed, points.expired, points.reversed,
           (SELECT coalesce(sum(greatest(a.balance, 0)), 0) FROM loyalty_accounts a
             WHERE a.tenant_id = ${tenantId} AND a.primary_member_id IN (SELECT id FROM m)) AS liability
      FROM points`);
  const row = r.rows[0];
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v ?? 0)])) as unknown as MemberPointTotals;
}

export interface GiftLine {
  giftId: string | null;
  giftName: string | null;
  status: 'redeemed' | 'cancelled';
  redemptions: number;
  quantity: number;
  points: number;
}

/** Redemptions of the members in the period (by when they were redeemed), per gift (null: cash) and status. */
export async function redemptionLines(db: DbOrTx, tenantId: string, members: SQL, p: Period): Promise<GiftLine[]> {
  const r = await db.execute<{ gift_id: string | null; gift_name: string | null; status: GiftLine['status']; redemptions: number; quantity: string; points: string }>(sql`
    SELECT r.gift_id, max(r.gift_name) AS gift_name, r.status, count(*)::int AS redemptions, coalesce(sum(r.quantity), 0) AS quantity, sum(r.points) AS points
      FROM loyalty_redemptions r
     WHERE r.tenant_id = ${tenantId}
       AND r.member_id IN (SELECT id FROM loyalty_members WHERE ${members})
       AND r.redeemed_at >= ${start(p.from)} AND r.redeemed_at < ${end(p.to)}
     GROUP BY r.gift_id, r.status`);
  return r.rows.map((x) => ({ giftId: x.gift_id, giftName: x.gift_name, status: x.status, redemptions: x.redemptions, quantity: Number(x.quantity), points: Number(x.points) }));
}
