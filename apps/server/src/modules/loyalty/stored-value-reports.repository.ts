import { and, eq, sql } from 'drizzle-orm';
import type { StoredValueMismatch } from '@jiake/shared';
import type { z } from 'zod';
import type { DbOrTx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { scopedWhere } from '../../platform/db/scoped.ts';
import { orgUnits } from '../../platform/tenancy/tenancy.tables.ts';
import { loyaltyAccounts, loyaltyMembers } from './loyalty.tables.ts';
import { memberFence } from './members.repository.ts';
import { storedValueBalances, storedValueEntries } from './stored-value.tables.ts';
import { valueEntryFence } from './stored-value.repository.ts';

/** Read-only queries over the stored-value ledger: spend by member, the liability and period summary, verification. */

/** Fen a member (card) spent since `from`, net of cancelled spends (a cancelled spend counts as never made). */
export async function spentByMember(db: DbOrTx, tenantId: string, memberId: string, from: Date): Promise<number> {
  const r = await db.execute<{ fen: string }>(sql`
    SELECT coalesce(sum(-s.amount_fen), 0)::bigint AS fen FROM stored_value_entries s
    WHERE s.tenant_id = ${tenantId} AND s.member_id = ${memberId} AND s.kind = 'spend' AND s.created_at >= ${from}
      AND NOT EXISTS (SELECT 1 FROM stored_value_entries c WHERE c.tenant_id = s.tenant_id AND c.cancels_entry_id = s.id)`);
  return Number(r.rows[0]?.fen ?? 0);
}

/**
 * What the accounts of the caller's members hold: each account counted once, at its primary member's join store
 * (a family account's cards may have joined in different stores).
 */
export async function liability(ctx: Ctx) {
  const b = storedValueBalances;
  const rows = await ctx.db
    .select({
      accounts: sql<number>`count(*) FILTER (WHERE ${b.balanceFen} <> 0)::int`,
      balanceFen: sql<string>`coalesce(sum(${b.balanceFen}), 0)::bigint`,
      principalFen: sql<string>`coalesce(sum(${b.principalFen}), 0)::bigint`,
      bonusFen: sql<string>`coalesce(sum(${b.bonusFen}), 0)::bigint`,
    })
    .from(b)
    .innerJoin(loyaltyAccounts, and(eq(loyaltyAccounts.tenantId, b.tenantId), eq(loyaltyAccounts.id, b.accountId)))
    .innerJoin(loyaltyMembers, and(eq(loyaltyMembers.tenantId, b.tenantId), eq(loyaltyMembers.id, loyaltyAccounts.primaryMemberId)))
    .where(scopedWhere(ctx, memberFence, eq(b.tenantId, ctx.tenantId)));
  const r = rows[0];
  return { accounts: r.accounts, balanceFen: Number(r.balanceFen), principalFen: Number(r.principalFen), bonusFen: Number(r.bonusFen) };
}

/** Movements per store where they happened, within the caller's stores, between two Shanghai calendar days. */
export async function periodByStore(ctx: Ctx, from: string, to: string) {
  const e = storedValueEntries;
  const sum = (what: ReturnType<typeof sql>, kind: string) => sql<string>`coalesce(sum(${what}) FILTER (WHERE ${e.kind} = ${kind}), 0)::bigint`;
  const count = (kind: string) => sql<number>`(count(*) FILTER (WHERE ${e.kind} = ${kind}))::int`;
  const rows = await ctx.db
    .select({
      storeId: e.storeId,
      storeName: orgUnits.name,
      topUps: count('topup'),
      topUpFen: sum(sql`${e.principalFen}`, 'topup'),
      bonusFen: sum(sql`${e.bonusFen}`, 'topup'),
      spends: count('spend'),
      spendFen: sum(sql`-${e.amountFen}`, 'spend'),
      cancelledFen: sum(sql`${e.amountFen}`, 'spend_cancel'),
      refunds: count('refund'),
      refundFen: sum(sql`-${e.principalFen}`, 'refund'),
      forfeitedBonusFen: sum(sql`-${e.bonusFen}`, 'refund'),
    })
    .from(e)
    .leftJoin(orgUnits, eq(orgUnits.id, e.storeId))
    .where(
      scopedWhere(
        ctx,
        valueEntryFence,
        sql`${e.createdAt} >= (${from}::date::timestamp AT TIME ZONE 'Asia/Shanghai')`,
        sql`${e.createdAt} < ((${to}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`,
        sql`${e.kind} IN ('topup', 'spend', 'spend_cancel', 'refund')`,
      ),
    )
    .groupBy(e.storeId, orgUnits.name)
    .orderBy(orgUnits.name);
  return rows.map((r) => ({
    storeId: r.storeId,
    storeName: r.storeName,
    topUps: r.topUps,
    topUpFen: Number(r.topUpFen),
    bonusFen: Number(r.bonusFen),
    spends: r.spends,
    spendFen: Number(r.spendFen),
    cancelledFen: Number(r.cancelledFen),
    refunds: r.refunds,
    refundFen: Number(r.refundFen),
    forfeitedBonusFen: Number(r.forfeitedBonusFen),
  }));
}

// ---------- verification ----------

export type ValueMismatch = z.infer<typeof StoredValueMismatch>;

/**
 * Every invariant of the stored-value ledger recomputed in SQL: the cached balance and its parts are the sums of the
 * entries; each entry's balance and parts after it are the running sums; each entry's parts add up to its amount;
 * no part is ever below zero; a cancel gives back exactly what its spend took. At most `cap` mismatches.
 */
export async function valueMismatches(db: DbOrTx, tenantId: string, accountId: string | null, cap = 1000): Promise<ValueMismatch[]> {
  const acc = accountId ? sql`AND account_id = ${accountId}` : sql``;
  const r = await db.execute<{ account_id: string; problem: ValueMismatch['problem']; expected: string; found: string; entry_id: string | null }>(sql`
    WITH sums AS (
      SELECT account_id, sum(amount_fen)::bigint AS total, sum(principal_fen)::bigint AS principal, sum(bonus_fen)::bigint AS bonus
      FROM stored_value_entries WHERE tenant_id = ${tenantId} ${acc} GROUP BY account_id
    ), cached AS (
      SELECT account_id, balance_fen, principal_fen, bonus_fen FROM stored_value_balances WHERE tenant_id = ${tenantId} ${acc}
    ), totals AS (
      SELECT coalesce(c.account_id, s.account_id) AS account_id,
             coalesce(s.total, 0) AS total, coalesce(s.principal, 0) AS principal, coalesce(s.bonus, 0) AS bonus,
             coalesce(c.balance_fen, 0) AS balance_fen, coalesce(c.principal_fen, 0) AS principal_fen, coalesce(c.bonus_fen, 0) AS bonus_fen
      FROM cached c FULL JOIN sums s ON s.account_id = c.account_id
    ), running AS (
      SELECT account_id, id, amount_fen, principal_fen, bonus_fen, balance_after_fen, principal_after_fen, bonus_after_fen,
             sum(amount_fen) OVER w AS run, sum(principal_fen) OVER w AS prun, sum(bonus_fen) OVER w AS brun
      FROM stored_value_entries WHERE tenant_id = ${tenantId} ${acc}
      WINDOW w AS (PARTITION BY account_id ORDER BY seq)
    )
    (SELECT account_id, 'balance_differs' AS problem, total AS expected, balance_fen AS found, NULL::uuid AS entry_id FROM totals WHERE total <> balance_fen)
    UNION ALL (SELECT account_id, 'principal_differs', principal, principal_fen, NULL FROM totals WHERE principal <> principal_fen)
    UNION ALL (SELECT account_id, 'bonus_differs', bonus, bonus_fen, NULL FROM totals WHERE bonus <> bonus_fen)
    UNION ALL (SELECT account_id, 'balance_after_differs', run, balance_after_fen, id FROM running WHERE run <> balance_after_fen)
    UNION ALL (SELECT account_id, 'principal_after_differs', prun, principal_after_fen, id FROM running WHERE prun <> principal_after_fen)
    UNION ALL (SELECT account_id, 'bonus_after_differs', brun, bonus_after_fen, id FROM running WHERE brun <> bonus_after_fen)
    UNION ALL (SELECT account_id, 'parts_do_not_add_up', principal_fen + bonus_fen, amount_fen, id FROM running WHERE amount_fen <> principal_fen + bonus_fen)
    UNION ALL (SELECT account_id, 'part_negative', 0, least(prun, brun), id FROM running WHERE prun < 0 OR brun < 0)
    UNION ALL (SELECT account_id, 'part_negative', 0, least(principal_fen, bonus_fen), NULL FROM cached WHERE principal_fen < 0 OR bonus_fen < 0)
    UNION ALL (
      SELECT c.account_id, 'cancel_differs', -s.amount_fen, c.amount_fen, c.id
      FROM stored_value_entries c JOIN stored_value_entries s ON s.tenant_id = c.tenant_id AND s.id = c.cancels_entry_id
      WHERE c.tenant_id = ${tenantId} ${accountId ? sql`AND c.account_id = ${accountId}` : sql``}
        AND (s.kind <> 'spend' OR c.kind <> 'spend_cancel' OR c.principal_fen <> -s.principal_fen OR c.bonus_fen <> -s.bonus_fen)
    )
    LIMIT ${cap}`);
  return r.rows.map((x) => ({ accountId: x.account_id, problem: x.problem, expected: Number(x.expected), found: Number(x.found), entryId: x.entry_id }));
}

export async function valueCounts(db: DbOrTx, tenantId: string, accountId: string | null): Promise<{ accounts: number; entries: number }> {
  const acc = accountId ? sql`AND account_id = ${accountId}` : sql``;
  const r = await db.execute<{ accounts: number; entries: number }>(sql`
    SELECT (SELECT count(*) FROM stored_value_balances WHERE tenant_id = ${tenantId} ${acc})::int AS accounts,
           (SELECT count(*) FROM stored_value_entries WHERE tenant_id = ${tenantId} ${acc})::int AS entries`);
  return r.rows[0];
}
