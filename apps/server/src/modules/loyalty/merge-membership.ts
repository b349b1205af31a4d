import type { DbOrTx, Tx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import type { CustomerMerged } from '../customers/index.ts';
import { lockAccount, postPoints } from './ledger.ts';
import type { MemberRow } from './members.repository.ts';
import { transferStoredValue } from './stored-value.ts';
import * as repo from './merge.repository.ts';

/**
 * The membership follows a customer merge (CUS-6), inside the merge's transaction:
 * - only merged-away customers are members: the earliest enrolled membership moves to the surviving customer (same
 *   member, number, account and consents); any other merged-away membership is then absorbed into it, as below;
 * - the survivor is a member too: each merged-away membership is absorbed — every open lot moves with a
 *   `transfer_out` / `transfer_in` pair (source type `merge`, keyed by the lot) keeping its expiry and the store it
 *   was earned at (settlement keeps following it), the stored value moves, and the membership is cancelled.
 * A membership on a shared (family) account is cancelled without taking the family's points. A negative balance
 * (a return after spending) is not moved: it stays on the cancelled membership and the audit row says how much.
 * Everything is audited on the members involved; the ledger verifies clean afterwards.
 */
export async function mergeMemberships(ctx: Ctx, tx: DbOrTx, e: CustomerMerged): Promise<void> {
  const members = await repo.lockMembersOfCustomers(tx, ctx.tenantId, [e.survivorId, ...e.mergedIds]);
  const losers = members.filter((m) => m.customerId !== e.survivorId);
  if (!losers.length) return;
  let target = members.find((m) => m.customerId === e.survivorId);
  if (!target) {
    const moved = losers.shift()!;
    await repo.setMemberCustomer(tx, ctx.tenantId, moved.id, e.survivorId, ctx.now());
    await ctx.audit.record(tx, {
      action: 'loyaltyMember.customerMerged', entityType: 'loyaltyMember', entityId: moved.id,
      changes: [{ field: 'customerId', before: moved.customerId, after: e.survivorId }], meta: { mergedIds: e.mergedIds },
    });
    target = { ...moved, customerId: e.survivorId };
  }
  for (const loser of losers) await absorb(ctx, tx as Tx, loser, target, e);
}

async function absorb(ctx: Ctx, tx: Tx, loser: MemberRow, target: MemberRow, e: CustomerMerged) {
  const shared = loser.accountId === target.accountId || (await repo.membersOnAccount(tx, ctx.tenantId, loser.accountId)) > 1;
  let points = 0;
  let lots = 0;
  let valueFen = 0;
  let debtLeft = 0;
  if (!shared) {
    // Both accounts locked in id order, as every other two-account movement does: no deadlock with a redemption.
    const locked = new Map<string, number>();
    for (const id of [loser.accountId, target.accountId].sort()) locked.set(id, (await lockAccount(tx, ctx.tenantId, id)).balance);
    debtLeft = Math.max(-(locked.get(loser.accountId) ?? 0), 0);
    for (const lot of await repo.openLotsWithOrigin(tx, ctx.tenantId, loser.accountId)) {
      const common = { source: { type: 'merge', id: lot.lotId }, storeId: lot.storeId, note: null };
      await postPoints(ctx, tx, {
        ...common, accountId: loser.accountId, memberId: loser.id, kind: 'transfer_out', points: -lot.remaining, preferLotIds: [lot.lotId],
        breakdown: [{ rule: 'merge', lotId: lot.lotId, toMemberId: target.id }],
      });
      await postPoints(ctx, tx, {
        ...common, accountId: target.accountId, memberId: target.id, kind: 'transfer_in', points: lot.remaining, expiresAt: lot.expiresAt,
        breakdown: [{ rule: 'merge', lotId: lot.lotId, fromMemberId: loser.id }],
      });
      points += lot.remaining;
      lots++;
    }
    valueFen = await transferStoredValue(ctx, tx, { fromAccountId: loser.accountId, toAccountId: target.accountId, memberId: target.id, source: { type: 'merge', id: loser.id } });
  }
  const now = ctx.now();
  if (loser.status !== 'cancelled') await repo.cancelMember(tx, ctx.tenantId, loser.id, now);
  const meta = { survivorCustomerId: e.survivorId, mergedIds: e.mergedIds, points, lots, valueFen, debtLeft, sharedAccount: shared };
  await ctx.audit.recordMany(tx, [
    {
      action: 'loyaltyMember.merged', entityType: 'loyaltyMember', entityId: loser.id,
      changes: loser.status !== 'cancelled' ? [{ field: 'status', before: loser.status, after: 'cancelled' }] : [],
      meta: { ...meta, intoMemberId: target.id, intoMemberNumber: target.number },
    },
    { action: 'loyaltyMember.absorbed', entityType: 'loyaltyMember', entityId: target.id, meta: { ...meta, fromMemberId: loser.id, fromMemberNumber: loser.number } },
  ]);
}
