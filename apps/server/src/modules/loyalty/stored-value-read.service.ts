import type { z } from 'zod';
import type { MemberStoredValueDto, StoredValueQuery, StoredValueSummaryDto, StoredValueSummaryQuery, VerifyStoredValueResultDto } from '@jiake/shared';
import type { DbOrTx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { invalid, issue, notFound } from '../../platform/http/errors.ts';
import { decodeCursor } from '../../platform/db/keyset.ts';
import { readTogether } from '../../platform/db/read-together.ts';
import { isMemberVisible, memberInTenant } from './members.repository.ts';
import { shanghaiDay } from './program.ts';
import * as repo from './stored-value.repository.ts';
import * as reports from './stored-value-reports.repository.ts';
import { toBalanceDto, toValueEntryDto } from './stored-value.dto.ts';

/**
 * Reading stored value. A member's balance is answered to any store of the brand (the counter needs it to take a
 * spend: the account is chain-wide, like redemption); the statement lists every entry of the account when the
 * caller's scope reaches the member (the join store and the managers above), and otherwise only the entries that
 * happened in the caller's stores (what that counter did), as redemptions are listed.
 */

export async function memberStoredValue(ctx: Ctx, memberId: string, q: z.output<typeof StoredValueQuery>): Promise<MemberStoredValueDto> {
  const member = await memberInTenant(ctx.db, ctx.tenantId, memberId);
  if (!member) throw notFound('loyaltyMember');
  const whole = await isMemberVisible(ctx, memberId);
  const raw = decodeCursor(q.cursor, 'text');
  const cursor = raw && /^\d+$/.test(raw[0]) ? raw : null;
  const [balance, page] = await Promise.all([
    repo.balanceRow(ctx.db, ctx.tenantId, member.accountId),
    repo.entryPage(ctx.db, repo.statementWhere(ctx, member.accountId, whole, q.kind), q.limit, cursor),
  ]);
  return {
    memberId,
    balance: toBalanceDto(member.accountId, balance),
    statement: whole ? 'account' : 'own_stores',
    items: page.rows.map(toValueEntryDto),
    nextCursor: page.nextCursor,
  };
}

/** The first day of the month of a Shanghai calendar day. */
const monthStart = (day: string) => `${day.slice(0, 7)}-01`;

/** Liability of the caller's members and the period's movements at the caller's stores (default: this month so far). */
export async function storedValueSummary(ctx: Ctx, q: z.output<typeof StoredValueSummaryQuery>): Promise<StoredValueSummaryDto> {
  const today = shanghaiDay(ctx.now());
  const to = q.to ?? today;
  const from = q.from ?? monthStart(to);
  if (from > to) throw invalid([issue('query.from', 'after_to', 'from is after to')]);
  const [liability, byStore] = await Promise.all([reports.liability(ctx), reports.periodByStore(ctx, from, to)]);
  const period = { topUps: 0, topUpFen: 0, bonusFen: 0, spends: 0, spendFen: 0, cancelledFen: 0, refunds: 0, refundFen: 0, forfeitedBonusFen: 0 };
  for (const s of byStore) for (const k of Object.keys(period) as (keyof typeof period)[]) period[k] += s[k];
  return { from, to, liability, period, byStore };
}

/** Recompute every invariant of the tenant's stored-value ledger (or one account's). */
export async function verifyStoredValue(db: DbOrTx, tenantId: string, accountId?: string) {
  const [mismatches, counts] = await readTogether(db, [
    () => reports.valueMismatches(db, tenantId, accountId ?? null),
    () => reports.valueCounts(db, tenantId, accountId ?? null),
  ]);
  return { ...counts, mismatches };
}

/** The administrator's "verify stored value" (LOY-8), audited with its outcome. */
export async function verifyTenantStoredValue(ctx: Ctx): Promise<VerifyStoredValueResultDto> {
  const r = await verifyStoredValue(ctx.db, ctx.tenantId);
  await ctx.audit.record(ctx.db, { action: 'storedValueLedger.verified', entityType: 'storedValueLedger', meta: { accounts: r.accounts, entries: r.entries, mismatches: r.mismatches.length } });
  return { ...r, checkedAt: ctx.now().toISOString() };
}
