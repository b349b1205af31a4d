import type { StoredValueBalanceDto, StoredValueEntryDto } from '@jiake/shared';
import type { BalanceRow, ValueEntryView } from './stored-value.repository.ts';

/** Stored-value rows → the shared contract's DTOs. */

export const toValueEntryDto = (e: ValueEntryView): StoredValueEntryDto => ({
  id: e.id,
  seq: e.seq,
  accountId: e.accountId,
  memberId: e.memberId,
  memberNumber: e.memberNumber,
  kind: e.kind,
  amountFen: e.amountFen,
  principalFen: e.principalFen,
  bonusFen: e.bonusFen,
  balanceAfterFen: e.balanceAfterFen,
  principalAfterFen: e.principalAfterFen,
  bonusAfterFen: e.bonusAfterFen,
  method: e.method as StoredValueEntryDto['method'],
  reference: e.reference,
  sourceType: e.sourceType,
  sourceId: e.sourceId,
  storeId: e.storeId,
  storeName: e.storeName,
  orderId: e.orderId,
  note: e.note,
  cancelsEntryId: e.cancelsEntryId,
  cancelledByEntryId: e.cancelledByEntryId,
  createdById: e.createdById,
  createdAt: e.createdAt.toISOString(),
});

/** An account that never held stored value answers a zero balance. */
export const toBalanceDto = (accountId: string, b: BalanceRow | null): StoredValueBalanceDto => ({
  accountId,
  balanceFen: b?.balanceFen ?? 0,
  principalFen: b?.principalFen ?? 0,
  bonusFen: b?.bonusFen ?? 0,
  updatedAt: b ? b.updatedAt.toISOString() : null,
});
