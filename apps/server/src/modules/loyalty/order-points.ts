import { z } from 'zod';
import type { Tx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import type { DomainEvent } from '../../platform/events/outbox.ts';
import * as awards from './awards.repository.ts';
import * as ledgerRepo from './ledger.repository.ts';
import { memberOfCustomer } from './members.repository.ts';
import { awardFor } from './bonus-award.ts';
import { postPoints } from './ledger.ts';
import type { OrderAwardReturn } from './loyalty.tables.ts';

/**
 * Points from orders (LOY-1, LOY-4; payloads: modules/orders/orders.events.ts). Each handler runs in the transaction
 * that marks its delivery done, and is idempotent anyway: the order's award row is locked, ledger entries are unique by
 * event id, and each return event is kept once by its id.
 */

const OrderRef = z.object({ orderId: z.uuid(), orderNo: z.string().min(1), customerId: z.uuid(), storeId: z.uuid() });
const PaidLine = z.object({ categoryId: z.uuid().nullable().default(null), seriesId: z.uuid().nullable().default(null), amountFen: z.number().int() });
const Paid = OrderRef.extend({
  totalFen: z.number().int(),
  paidFen: z.number().int(),
  paidAt: z.iso.datetime({ offset: true }),
  campaignId: z.uuid().nullable().default(null),
  lines: z.array(PaidLine).default([]),
});
const Returned = OrderRef.extend({
  returnId: z.string().nullable().optional(),
  lines: z.array(z.object({ amountFen: z.number().int() })),
});

/**
 * order.paid: an active member earns on what was paid for the order, at the rate of the order's store (its kind's
 * override, else the base rate), floor per order, plus the bonus rules that match at the payment time (LOY-2,
 * bonus-evaluate.ts). One earn entry per order for the total; its breakdown lists the base and every applied rule
 * with its points, as they were then (a rule changed later does not touch it). A customer who enrols after paying
 * earns nothing for that order (not retroactive): the member must have enrolled by the payment time.
 */
export async function onOrderPaid(ctx: Ctx, tx: Tx, event: DomainEvent) {
  const p = Paid.parse(event.payload);
  const member = await memberOfCustomer(tx, ctx.tenantId, p.customerId);
  const paidAt = new Date(p.paidAt);
  if (!member || member.status !== 'active' || member.enrolledAt.getTime() > paidAt.getTime()) return;
  const now = ctx.now();
  const award = await awards.ensureAward(tx, ctx.tenantId, p.orderId, p.customerId, now);
  if (award.earnedAt) return;
  const { points, basisFen, breakdown } = await awardFor(ctx, tx, {
    storeId: p.storeId, totalFen: p.totalFen, paidFen: p.paidFen, lines: p.lines, paidAt, campaignId: p.campaignId, customerId: p.customerId, orderNo: p.orderNo,
  });
  let entryId: string | null = null;
  if (points > 0) {
    const r = await postPoints(ctx, tx, {
      accountId: member.accountId, memberId: member.id, kind: 'earn', points, source: { type: 'event', id: event.id }, storeId: p.storeId, orderId: p.orderId, breakdown,
    });
    entryId = r.entry.id;
  }
  let after = await awards.updateAward(tx, ctx.tenantId, award.id, {
    memberId: member.id, accountId: member.accountId, storeId: p.storeId, basisFen, pointsEarned: points, earnEntryId: entryId, earnedAt: now,
  }, now);
  for (const ret of after.returns.filter((x) => !x.applied)) after = await applyReturn(ctx, tx, after, ret);
}

/**
 * order.returned: the returned lines' share of what the order earned is taken back — cumulative over the order's
 * returns, floor(earned × returned ÷ paid), so all returns together take back exactly what was earned. Points
 * already spent follow the returns policy (negative balance, or capped with the shortfall recorded). A return seen
 * before its order's award waits and is applied with it.
 */
export async function onOrderReturned(ctx: Ctx, tx: Tx, event: DomainEvent) {
  const p = Returned.parse(event.payload);
  const now = ctx.now();
  let award = await awards.lockAward(tx, ctx.tenantId, p.orderId);
  if (!award) {
    if (!(await memberOfCustomer(tx, ctx.tenantId, p.customerId))) return;
    award = await awards.ensureAward(tx, ctx.tenantId, p.orderId, p.customerId, now);
  }
  if (award.returns.some((r) => r.eventId === event.id)) return;
  const ret: OrderAwardReturn = {
    eventId: event.id, returnId: p.returnId ?? null, amountFen: p.lines.reduce((s, l) => s + l.amountFen, 0), storeId: p.storeId, applied: false, points: 0, shortfall: 0,
  };
  award = await awards.updateAward(tx, ctx.tenantId, award.id, { returns: [...award.returns, ret] }, now);
  if (award.earnedAt) await applyReturn(ctx, tx, award, ret);
}

async function applyReturn(ctx: Ctx, tx: Tx, award: awards.AwardRow, ret: OrderAwardReturn): Promise<awards.AwardRow> {
  const now = ctx.now();
  const basis = award.basisFen ?? 0;
  const returnedFen = Math.min(basis, award.returnedFen + ret.amountFen);
  const target = basis > 0 ? Math.floor((award.pointsEarned * returnedFen) / basis) : 0;
  const wanted = target - award.pointsReversed - award.shortfallPoints;
  let taken = 0;
  let shortfall = 0;
  if (wanted > 0 && award.accountId) {
    const lot = award.earnEntryId ? await ledgerRepo.lotOfEntry(tx, ctx.tenantId, award.earnEntryId) : null;
    const r = await postPoints(ctx, tx, {
      accountId: award.accountId, memberId: award.memberId, kind: 'reverse', points: -wanted, source: { type: 'event', id: ret.eventId }, storeId: ret.storeId,
      orderId: award.orderId, preferLotIds: lot ? [lot.id] : [],
      breakdown: [{ rule: 'return', returnId: ret.returnId, returnedFen: ret.amountFen, earned: award.pointsEarned, basisFen: basis }],
    });
    taken = -r.entry.points;
    shortfall = r.shortfall;
  }
  const returns = award.returns.map((x) => (x.eventId === ret.eventId ? { ...x, applied: true, points: taken, shortfall } : x));
  return awards.updateAward(tx, ctx.tenantId, award.id, {
    returnedFen, pointsReversed: award.pointsReversed + taken, shortfallPoints: award.shortfallPoints + shortfall, returns,
  }, now);
}
