import type { Tx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { loadSettings } from './program.service.ts';
import { findInTenant as redemptionInTenant } from './redemptions.repository.ts';
import * as repo from './settlement.repository.ts';

/**
 * Cross-store settlement of points (LOY-7). One account serves every store of the brand, so a redemption at store B
 * may spend points earned at store A. Each lot a `redeem` entry consumed is traced to the entry that opened it, and
 * so to the store where it was earned; when that store's party differs from the redeeming store's, A's party owes
 * B's party the points' value. Rows are written in the redemption's transaction and never edited: a cancellation
 * adds offsets that negate them exactly.
 *
 * Parties: a franchise store or a dealer settles for itself; direct stores, regions, the head office and points
 * without a store (head-office adjustments) are the company's (`hq`). Between two direct stores nothing is owed.
 *
 * Value: per earning store of a redemption, amountFen = floor(points × 100 ÷ pointsPerYuan) with the cash-deduction
 * rate in force at the redemption (100 points per yuan: 1 fen a point). Integers only; the monthly report adds the
 * rows' amounts (a rate change within the month keeps each row at its own rate).
 */

export type PartyKind = repo.SettlementRow['fromPartyKind'];
export interface Party {
  id: string | null;
  kind: PartyKind;
}

const COMPANY: Party = { id: null, kind: 'hq' };

/** The party a unit settles as (no unit, a region or the head office: the company). */
export function partyOf(unit: repo.UnitInfo | undefined): Party {
  if (unit?.kind === 'store' && (unit.storeKind === 'franchise' || unit.storeKind === 'dealer')) return { id: unit.id, kind: unit.storeKind };
  return COMPANY;
}

/** The settled value of points at a redemption rate, in whole fen (rounded down). */
export const settlementFen = (points: number, pointsPerYuan: number) => Math.floor((points * 100) / pointsPerYuan);

/**
 * After a `redeem` entry is posted at `storeId`, record what the parties whose stores earned the consumed points owe
 * the redeeming store's party. Audited on the redemption when anything is owed.
 */
export async function settleRedemption(ctx: Ctx, tx: Tx, s: { entryId: string; storeId: string | null; redemptionId: string }): Promise<void> {
  const origins = await repo.consumedByOrigin(tx, ctx.tenantId, s.entryId);
  if (!origins.length) return;
  const units = await repo.unitsByIds(tx, ctx.tenantId, [s.storeId, ...origins.map((o) => o.storeId)]);
  const to = partyOf(s.storeId ? units.get(s.storeId) : undefined);
  const owed = origins
    .map((o) => ({ ...o, from: partyOf(o.storeId ? units.get(o.storeId) : undefined) }))
    .filter((o) => o.from.id !== to.id);
  if (!owed.length) return;
  const redemption = await redemptionInTenant(tx, ctx.tenantId, s.redemptionId);
  if (!redemption) throw new Error(`settlement: redemption ${s.redemptionId} not found`);
  const { pointsPerYuan } = (await loadSettings(tx, ctx.tenantId)).redemption;
  const now = ctx.now();
  const rows = await repo.insertSettlements(
    tx,
    owed.map((o) => ({
      tenantId: ctx.tenantId, kind: 'redeem' as const, redemptionId: s.redemptionId, memberId: redemption.memberId, entryId: s.entryId, redeemEntryId: s.entryId,
      fromStoreId: o.storeId, fromPartyId: o.from.id, fromPartyKind: o.from.kind, toStoreId: s.storeId, toPartyId: to.id, toPartyKind: to.kind,
      points: o.points, amountFen: settlementFen(o.points, pointsPerYuan), pointsPerYuan, createdAt: now,
    })),
  );
  if (rows.length) await audit(ctx, tx, 'loyaltyRedemption.settled', s.redemptionId, rows);
}

/** A cancelled redemption: its settlement rows are offset by new rows of the opposite sign (dated at the cancellation). */
export async function reverseSettlement(ctx: Ctx, tx: Tx, s: { entryId: string; cancelEntryId: string; redemptionId: string }): Promise<void> {
  const settled = await repo.settledBy(tx, ctx.tenantId, s.entryId);
  if (!settled.length) return;
  const now = ctx.now();
  const rows = await repo.insertSettlements(
    tx,
    settled.map((r) => ({
      tenantId: ctx.tenantId, kind: 'cancel' as const, redemptionId: r.redemptionId, memberId: r.memberId, entryId: s.cancelEntryId, redeemEntryId: s.entryId,
      fromStoreId: r.fromStoreId, fromPartyId: r.fromPartyId, fromPartyKind: r.fromPartyKind, toStoreId: r.toStoreId, toPartyId: r.toPartyId, toPartyKind: r.toPartyKind,
      points: -r.points, amountFen: -r.amountFen, pointsPerYuan: r.pointsPerYuan, createdAt: now,
    })),
  );
  if (rows.length) await audit(ctx, tx, 'loyaltyRedemption.settlementReversed', s.redemptionId, rows);
}

const audit = (ctx: Ctx, tx: Tx, action: string, redemptionId: string, rows: repo.SettlementRow[]) =>
  ctx.audit.record(tx, {
    action,
    entityType: 'loyaltyRedemption',
    entityId: redemptionId,
    meta: { settlements: rows.map((r) => ({ id: r.id, fromStoreId: r.fromStoreId, fromParty: r.fromPartyId ?? 'hq', toStoreId: r.toStoreId, toParty: r.toPartyId ?? 'hq', points: r.points, amountFen: r.amountFen })) },
  });
