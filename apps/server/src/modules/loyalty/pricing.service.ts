import type { MemberPricingDto } from '@jiake/shared';
import type { Ctx } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import { readTogether } from '../../platform/db/read-together.ts';
import { isCustomerVisible } from '../customers/index.ts';
import { memberOfCustomer } from './members.repository.ts';
import { usableCardOf } from './cards.repository.ts';
import * as states from './tier-members.repository.ts';
import { entryTier } from './tier-rules.ts';
import { tierDefs } from './tiers.service.ts';

/**
 * A customer's member price (LOY-5, LOY-6): the discount of the member's current tier and of the member's active card
 * (打折卡); the larger applies, the tier's on a tie, never both. A customer who is not a member, or whose membership is
 * not active, pays the list price. A card issued but not yet activated gives nothing; a lost, replaced or cancelled
 * card is not the member's usable card. Reads only: the current tier is the member's state row (or the entry tier for
 * a member never evaluated), without reckoning spend. 404 for a customer the caller may not see or that is not the
 * tenant's.
 */
export async function memberPricing(ctx: Ctx, customerId: string): Promise<MemberPricingDto> {
  const [visible, member] = await readTogether(ctx.db, [() => isCustomerVisible(ctx, customerId), () => memberOfCustomer(ctx.db, ctx.tenantId, customerId)]);
  if (!visible) throw notFound('customer');
  const none: MemberPricingDto = {
    customerId,
    member: member ? { id: member.id, number: member.number, status: member.status } : null,
    tier: null,
    card: null,
    discountPercent: 0,
    source: null,
  };
  if (!member || member.status !== 'active') return none;

  const [tiers, state, usable] = await readTogether(ctx.db, [
    () => tierDefs(ctx.db, ctx.tenantId, ctx.now()),
    () => states.stateOf(ctx.db, ctx.tenantId, member.id),
    () => usableCardOf(ctx.db, ctx.tenantId, member.id),
  ]);
  const current = (state && tiers.find((t) => t.id === state.tierId)) || entryTier(tiers);
  const tier = { id: current.id, name: current.name, discountPercent: current.benefits.discountPercent };
  const card = usable?.status === 'active' && usable.discountPercent !== null ? { number: usable.number, discountPercent: usable.discountPercent } : null;
  const cardWins = card !== null && card.discountPercent > tier.discountPercent;
  const discountPercent = cardWins ? card.discountPercent : tier.discountPercent;
  return { ...none, tier, card, discountPercent, source: discountPercent === 0 ? null : cardWins ? 'card' : 'tier' };
}
