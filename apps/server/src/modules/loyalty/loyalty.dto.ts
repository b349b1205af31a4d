import type { AdjustmentDto, GiftDto, MemberDto, PointsEntryDto, PointsEntryKind, RedemptionDto } from '@jiake/shared';
import type { Ctx } from '../../platform/http/context.ts';
import { fieldAccess } from '../../platform/http/context.ts';
import type { EntryRow } from './ledger.repository.ts';
import type { ConsentRow, MemberRowWithNames } from './members.repository.ts';
import type { AdjustmentRow } from './adjustments.repository.ts';
import type { GiftRow } from './gifts.repository.ts';
import type { RedemptionRowWithNumber } from './redemptions.repository.ts';

/** Rows → the shared contract's DTOs. */

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A customer's name as this caller may read it: null when the role hides `customer.name`. */
export const nameFor = (ctx: Ctx, name: string | null | undefined) => (fieldAccess(ctx, 'customer', 'name') === 'hidden' ? null : (name ?? null));

/** 王建国 → 王**: the surname and a star per other character (the counter of another store sees no more). */
export const maskName = (name: string) => {
  const chars = [...name];
  return chars.length <= 1 ? '*' : `${chars[0]}${'*'.repeat(Math.min(chars.length - 1, 4))}`;
};

export function toMemberDto(ctx: Ctx, r: MemberRowWithNames, customerName: string | null, consents: ConsentRow[]): MemberDto {
  return {
    id: r.id,
    number: r.number,
    customerId: r.customerId,
    customerName: nameFor(ctx, customerName),
    joinStoreId: r.joinStoreId,
    joinStoreName: r.joinStoreName,
    accountId: r.accountId,
    status: r.status,
    balance: r.balance,
    enrolledAt: r.enrolledAt.toISOString(),
    enrolledById: r.enrolledById,
    consents: consents
      .filter((c) => c.memberId === r.id)
      .map((c) => ({ channel: c.channel as MemberDto['consents'][number]['channel'], granted: c.granted, source: c.source, recordedAt: c.recordedAt.toISOString(), recordedById: c.recordedById })),
  };
}

export const toEntryDto = (e: EntryRow, storeName: string | null): PointsEntryDto => ({
  id: e.id,
  seq: e.seq,
  accountId: e.accountId,
  memberId: e.memberId,
  kind: e.kind as PointsEntryKind,
  points: e.points,
  balanceAfter: e.balanceAfter,
  sourceType: e.sourceType,
  sourceId: e.sourceId,
  storeId: e.storeId,
  storeName,
  orderId: e.orderId,
  note: e.note,
  breakdown: e.breakdown,
  expiresAt: iso(e.expiresAt),
  createdById: e.createdById,
  createdAt: e.createdAt.toISOString(),
});

export const toAdjustmentDto = (a: AdjustmentRow & { memberNumber: string }): AdjustmentDto => ({
  id: a.id,
  memberId: a.memberId,
  memberNumber: a.memberNumber,
  accountId: a.accountId,
  points: a.points,
  reason: a.reason,
  status: a.status,
  requestedById: a.requestedById,
  requestedAt: a.requestedAt.toISOString(),
  decidedById: a.decidedById,
  decidedAt: iso(a.decidedAt),
  decisionNote: a.decisionNote,
  entryId: a.entryId,
});

export const toGiftDto = (g: GiftRow): GiftDto => ({
  id: g.id,
  name: g.name,
  pointsPrice: g.pointsPrice,
  stock: g.stock,
  active: g.active,
  description: g.description,
  imageUrl: g.imageUrl,
  createdAt: g.createdAt.toISOString(),
  updatedAt: g.updatedAt.toISOString(),
});

export const toRedemptionDto = (r: RedemptionRowWithNumber): RedemptionDto => ({
  id: r.id,
  memberId: r.memberId,
  memberNumber: r.memberNumber,
  accountId: r.accountId,
  storeId: r.storeId,
  kind: r.kind,
  giftId: r.giftId,
  giftName: r.giftName,
  quantity: r.quantity,
  cashFen: r.cashFen,
  points: r.points,
  orderId: r.orderId,
  note: r.note,
  status: r.status,
  entryId: r.entryId,
  cancelEntryId: r.cancelEntryId,
  redeemedById: r.redeemedById,
  redeemedAt: r.redeemedAt.toISOString(),
  cancelledById: r.cancelledById,
  cancelledAt: iso(r.cancelledAt),
  cancelReason: r.cancelReason,
});
