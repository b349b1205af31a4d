import type { AppDeps } from '../../app.ts';
import type { DbOrTx } from '../../platform/db/client.ts';
import { subscribe } from '../../platform/events/outbox.ts';
import { ORDER_EVENTS } from '../orders/index.ts';
import { expireDueLots } from './ledger.ts';
import { onOrderPaid, onOrderReturned } from './order-points.ts';
import { memberInTenant, memberOfCustomer } from './members.repository.ts';
import { registerTierJobs, registerTierSubscriptions } from './tiers.jobs.ts';
import { registerNoticeJobs } from './notices.jobs.ts';

/**
 * The loyalty module's public face: other modules (and the later parts of loyalty: cards, stored value, tiers,
 * redemption, settlement) import only from here.
 */

/** The ledger core: the one way to move points, the account lock, and the verification of every invariant. */
export { postPoints, lockAccount, verifyLedger, expireDueLots, type Posting, type PostResult } from './ledger.ts';
export type { AccountRow, EntryRow, LotRow } from './ledger.repository.ts';
export { loadSettings as loyaltySettings } from './program.service.ts';
export { expiryFor, pointsFor, pointsForCash, rateFor } from './program.ts';
export { idempotent, type Outcome } from './idempotency.ts';
export { memberFence, isMemberVisible, type MemberRow } from './members.repository.ts';
export { awardOfOrder } from './awards.repository.ts';
export { checkCardUse, type CardUse } from './card-use.ts';
export { settleRedemption, reverseSettlement } from './settlement.ts';
export { transferStoredValue, valueSpentByMember } from './stored-value.ts';

/** The member of a customer (one per customer), whatever the caller's scope; null when not enrolled. */
export const memberByCustomer = (db: DbOrTx, tenantId: string, customerId: string) => memberOfCustomer(db, tenantId, customerId);

/** The points account a member earns into and spends from (a family account is shared by its members' cards). */
export async function accountOfMember(db: DbOrTx, tenantId: string, memberId: string): Promise<string | null> {
  return (await memberInTenant(db, tenantId, memberId))?.accountId ?? null;
}

/** Points expire every night at 00:10 Shanghai time (lots due by then, one expire entry per lot). */
export const EXPIRE_POINTS_CRON = 'loyalty.expirePoints';

/** Job kinds and cron schedules of the module. */
export function registerLoyaltyJobs(deps: AppDeps) {
  deps.jobs.cron(EXPIRE_POINTS_CRON, '10 0 * * *', (ctx, now) => expireDueLots(ctx, now));
  registerTierJobs(deps);
  registerNoticeJobs(deps);
}

/** The module's reactions to domain events: points follow paid and returned orders. Subscriber names are stable. */
export function registerLoyaltySubscriptions(deps: AppDeps) {
  registerTierSubscriptions(deps);
  subscribe(ORDER_EVENTS.paid, 'loyalty.earn', onOrderPaid);
  subscribe(ORDER_EVENTS.returned, 'loyalty.reverse', onOrderReturned);
}
