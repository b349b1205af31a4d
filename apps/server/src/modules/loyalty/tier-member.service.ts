import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { ChangeMemberTier, MemberTierDto, TierMixDto } from '@jiake/shared';
import type { Ctx } from '../../platform/http/context.ts';
import { AppError, invalid, issue, notFound } from '../../platform/http/errors.ts';
import { findVisible } from './members.repository.ts';
import { loadSettings } from './program.service.ts';
import * as states from './tier-members.repository.ts';
import { applyTierChange, spendOfMembers } from './tier-evaluate.ts';
import { entryTier, nextTier } from './tier-rules.ts';
import { ensureTiers, tierDefs } from './tiers.service.ts';
import { toTierChangeDto, toTierDto } from './tiers.dto.ts';

/** A member's tier on the member page (LOY-5): standing and history, a manual change, and the tier mix of the caller's stores. */

const HISTORY = 50;
const conflict = (reason: string, message: string) => new AppError('conflict', message, { params: { reason } });

/**
 * The member's tier now, the spend in the window, the next tier and what it still needs, the benefits and the latest
 * changes. Reads only: a tenant whose tiers were never stored sees the defaults (with the ids they will keep).
 */
export async function getMemberTier(ctx: Ctx, memberId: string): Promise<MemberTierDto> {
  const member = await findVisible(ctx, ctx.db, memberId);
  if (!member) throw notFound('loyaltyMember');
  const now = ctx.now();
  const [settings, tiers, state, history] = await Promise.all([
    loadSettings(ctx.db, ctx.tenantId),
    tierDefs(ctx.db, ctx.tenantId, now),
    states.stateOf(ctx.db, ctx.tenantId, member.id),
    states.historyOf(ctx.db, ctx.tenantId, member.id, HISTORY),
  ]);
  const current = (state && tiers.find((t) => t.id === state.tierId)) || entryTier(tiers);
  const { since, spendFen } = (await spendOfMembers(ctx.db, ctx.tenantId, [member], settings.tiers.window, now))(member);
  const next = nextTier(tiers, current, spendFen);
  const { inUse: _, ...tier } = toTierDto(current, true);
  return {
    memberId: member.id,
    tier,
    since: (state?.since ?? member.enrolledAt).toISOString(),
    window: settings.tiers.window,
    windowFrom: since.toISOString(),
    spendFen,
    next: next ? { id: next.tier.id, code: next.tier.code, name: next.tier.name, thresholdFen: next.tier.thresholdFen, remainingFen: next.remainingFen } : null,
    lastReviewYear: state?.lastReviewYear ?? null,
    history: history.map(toTierChangeDto),
  };
}

/**
 * Set a member's tier by hand (loyalty:adjust), up or down, to an active tier, with a reason: a history row and an
 * audit row, the member's people told. The next paid order may still move the member up; the yearly review re-reckons
 * everyone. 409 `same_tier`, `tier_inactive`, `member_not_active`; 422 for a tier that is not the tenant's.
 */
export async function changeMemberTier(ctx: Ctx, memberId: string, input: z.output<typeof ChangeMemberTier>): Promise<MemberTierDto> {
  await ctx.db.transaction(async (tx) => {
    const member = await findVisible(ctx, tx, memberId);
    if (!member) throw notFound('loyaltyMember');
    const now = ctx.now();
    const tiers = await ensureTiers(tx, ctx.tenantId, now);
    const to = tiers.find((t) => t.id === input.tierId);
    if (!to) throw invalid([issue('body.tierId', 'not_found', 'tier not found')]);
    if (member.status !== 'active') throw conflict('member_not_active', `the member is ${member.status}`);
    if (!to.active) throw conflict('tier_inactive', `tier ${to.code} is not active`);
    const state = (await states.lockStates(tx, ctx.tenantId, [member], entryTier(tiers).id, now)).get(member.id)!;
    const from = tiers.find((t) => t.id === state.tierId)!;
    if (from.id === to.id) throw conflict('same_tier', `the member already holds ${to.code}`);
    const settings = await loadSettings(tx, ctx.tenantId);
    const { since, spendFen } = (await spendOfMembers(tx, ctx.tenantId, [member], settings.tiers.window, now))(member);
    await applyTierChange(ctx, tx, { member, state, from, to, reason: 'manual', spendFen, windowFrom: since, source: `manual:${randomUUID()}`, note: input.reason }, settings);
  });
  return getMemberTier(ctx, memberId);
}

/**
 * Members of the caller's stores (by join store; cancelled members left out) per tier, every tier listed by rank
 * (inactive ones only while held), then members never evaluated under `tierId` null.
 */
export async function tierMix(ctx: Ctx, storeId?: string): Promise<TierMixDto> {
  const [tiers, rows] = await Promise.all([tierDefs(ctx.db, ctx.tenantId, ctx.now()), states.mixOf(ctx, storeId)]);
  const count = new Map(rows.map((r) => [r.tierId, r.members]));
  const listed = tiers
    .map((t) => ({ tierId: t.id as string | null, code: t.code as string | null, name: t.name as string | null, members: count.get(t.id) ?? 0, active: t.active }))
    .filter((t) => t.active || t.members > 0)
    .map(({ active: _, ...t }) => t);
  const unrated = count.get(null) ?? 0;
  if (unrated) listed.push({ tierId: null, code: null, name: null, members: unrated });
  return { total: rows.reduce((s, r) => s + r.members, 0), tiers: listed };
}
