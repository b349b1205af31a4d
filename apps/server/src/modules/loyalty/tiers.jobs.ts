import { z } from 'zod';
import type { AppDeps } from '../../app.ts';
import type { Tx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { subscribe, type DomainEvent } from '../../platform/events/outbox.ts';
import { ORDER_EVENTS } from '../orders/index.ts';
import { memberOfCustomer } from './members.repository.ts';
import { evaluateMembers } from './tier-evaluate.ts';
import { recheckUpgrades, runTierReview } from './tier-review.ts';
import { TIER_RECHECK_JOB } from './tiers.service.ts';

/** Tier upgrades on spend, the yearly review and the recheck after the tier table changed (LOY-5). */

/** Every night at 00:20 Shanghai time; it acts only in the review month (see runTierReview). */
export const TIER_REVIEW_CRON = 'loyalty.tierReview';

export function registerTierJobs(deps: AppDeps) {
  deps.jobs.cron(TIER_REVIEW_CRON, '20 0 * * *', (ctx, now) => runTierReview(ctx, now));
  deps.jobs.register(TIER_RECHECK_JOB, (ctx, job) => recheckUpgrades(ctx, job.id));
}

const Paid = z.object({ customerId: z.uuid() });

/**
 * order.paid: the customer's member moves up as soon as the spend in the window crosses a threshold (several tiers at
 * once if it crosses several). Keyed by the event: a second delivery changes nothing. Returns never move anyone down.
 */
export async function onOrderPaidTier(ctx: Ctx, tx: Tx, event: DomainEvent) {
  const { customerId } = Paid.parse(event.payload);
  const member = await memberOfCustomer(tx, ctx.tenantId, customerId);
  if (!member || member.status !== 'active') return;
  await evaluateMembers(ctx, tx, [member], { kind: 'upgrade', source: `event:${event.id}` });
}

export function registerTierSubscriptions(_deps: AppDeps) {
  subscribe(ORDER_EVENTS.paid, 'loyalty.tier', onOrderPaidTier);
}
