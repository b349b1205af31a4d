import type { LoyaltySettingsDto, TierChangeReason } from '@jiake/shared';
import type { DbOrTx, Tx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { paidSpendOfCustomers } from '../orders/index.ts';
import type { MemberRow } from './members.repository.ts';
import { loadSettings } from './program.service.ts';
import * as states from './tier-members.repository.ts';
import { announceTierChange } from './tier-notify.ts';
import { entryTier, qualifyingTier, windowStart } from './tier-rules.ts';
import { ensureTiers, type TierRow } from './tiers.service.ts';

/**
 * Moving members between tiers (LOY-5). Every move goes through `applyTierChange`: the member's state row (locked),
 * one history row unique by (member, source) — so the same order event, review or recheck moves a member once — an
 * audit row, and the notifications.
 */

/** What an evaluation may do: move up only (an order paid, a recheck after the table changed), or the yearly review. */
export type EvaluationMode = { kind: 'upgrade'; source: string } | { kind: 'review'; year: number };

export interface Counts {
  reviewed: number;
  upgraded: number;
  downgraded: number;
}

/** Spend of members in the window as it stands at `now` (each from its own start), with that start. */
export async function spendOfMembers(db: DbOrTx, tenantId: string, members: readonly MemberRow[], window: LoyaltySettingsDto['tiers']['window'], now: Date) {
  const since = new Map(members.map((m) => [m.id, windowStart(window, now, m.enrolledAt)]));
  const spend = await paidSpendOfCustomers(db, tenantId, members.map((m) => ({ customerId: m.customerId, since: since.get(m.id)! })));
  return (m: MemberRow) => ({ since: since.get(m.id)!, spendFen: spend.get(m.customerId) ?? 0 });
}

export interface TierMove {
  member: MemberRow;
  state: states.StateRow;
  from: TierRow;
  to: TierRow;
  reason: TierChangeReason;
  spendFen: number;
  windowFrom: Date;
  source: string;
  note?: string | null;
  reviewYear?: number;
}

/** Apply one move; null when the same source moved this member before (nothing happens twice). */
export async function applyTierChange(ctx: Ctx, tx: Tx, mv: TierMove, settings: LoyaltySettingsDto) {
  const now = ctx.now();
  const change = await states.insertChange(tx, {
    tenantId: ctx.tenantId, memberId: mv.member.id, fromTierId: mv.from.id, fromCode: mv.from.code, fromName: mv.from.name, toTierId: mv.to.id,
    toCode: mv.to.code, toName: mv.to.name, reason: mv.reason, spendFen: mv.spendFen, windowFrom: mv.windowFrom, source: mv.source, note: mv.note ?? null,
    changedById: ctx.actor.kind === 'user' ? ctx.actor.id : null, changedAt: now,
  });
  if (!change) return null;
  await states.setState(tx, ctx.tenantId, mv.state.id, { tierId: mv.to.id, since: now, updatedAt: now, ...(mv.reviewYear ? { lastReviewYear: mv.reviewYear } : {}) });
  await ctx.audit.record(tx, {
    action: 'loyaltyMember.tierChanged',
    entityType: 'loyaltyMember',
    entityId: mv.member.id,
    changes: [{ field: 'tier', before: mv.from.name, after: mv.to.name }],
    meta: { reason: mv.reason, fromCode: mv.from.code, toCode: mv.to.code, spendFen: mv.spendFen, source: mv.source, note: mv.note ?? null, changeId: change.id },
  });
  await announceTierChange(ctx, tx, { member: mv.member, change, from: mv.from, to: mv.to, smsOnChange: settings.tiers.smsOnChange });
  return change;
}

/**
 * Evaluate members in one transaction: spend in the window now → the highest active tier it reaches. `upgrade` moves
 * a member up only (never down: returns do not downgrade); `review` moves to exactly that tier (down too, and off an
 * inactive tier) and marks the member reviewed for the year, whether or not the tier changed.
 */
export async function evaluateMembers(ctx: Ctx, tx: Tx, members: readonly MemberRow[], mode: EvaluationMode): Promise<Counts> {
  const counts: Counts = { reviewed: 0, upgraded: 0, downgraded: 0 };
  if (!members.length) return counts;
  const now = ctx.now();
  const settings = await loadSettings(tx, ctx.tenantId);
  const tiers = await ensureTiers(tx, ctx.tenantId, now);
  const byId = new Map(tiers.map((t) => [t.id, t]));
  const locked = await states.lockStates(tx, ctx.tenantId, members, entryTier(tiers).id, now);
  const spendOf = await spendOfMembers(tx, ctx.tenantId, members, settings.tiers.window, now);
  const kept: string[] = [];
  for (const member of members) {
    const state = locked.get(member.id)!;
    if (mode.kind === 'review' && state.lastReviewYear === mode.year) continue;
    const from = byId.get(state.tierId)!;
    const { since, spendFen } = spendOf(member);
    const to = qualifyingTier(tiers, spendFen);
    counts.reviewed++;
    const moves = mode.kind === 'review' ? to.id !== from.id : to.rank > from.rank;
    if (!moves) {
      if (mode.kind === 'review') kept.push(state.id);
      continue;
    }
    const up = to.rank > from.rank;
    const done = await applyTierChange(ctx, tx, {
      member, state, from, to, reason: up ? 'upgrade' : 'review_downgrade', spendFen, windowFrom: since,
      source: mode.kind === 'review' ? `review:${mode.year}` : mode.source, reviewYear: mode.kind === 'review' ? mode.year : undefined,
    }, settings);
    if (done) counts[up ? 'upgraded' : 'downgraded']++;
    else if (mode.kind === 'review') kept.push(state.id);
  }
  if (mode.kind === 'review') await states.markReviewed(tx, ctx.tenantId, kept, mode.year, now);
  return counts;
}
