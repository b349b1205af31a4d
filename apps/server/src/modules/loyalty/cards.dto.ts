import type { CardDto, CardEventDto } from '@jiake/shared';
import type { DbOrTx } from '../../platform/db/client.ts';
import * as repo from './cards.repository.ts';

/** Card rows → the shared contract's DTOs (with their steps). */

const toEventDto = (e: repo.CardEventRow): CardEventDto => ({
  action: e.action as CardEventDto['action'],
  fromStatus: e.fromStatus as CardEventDto['fromStatus'],
  toStatus: e.toStatus as CardEventDto['toStatus'],
  note: e.note,
  at: e.at.toISOString(),
  byId: e.byId,
  byName: e.byName,
  storeId: e.storeId,
  storeName: e.storeName,
  meta: e.meta,
});

export const toCardDto = (c: repo.CardRowWithMember, events: repo.CardEventRow[]): CardDto => ({
  id: c.id,
  number: c.number,
  memberId: c.memberId,
  memberNumber: c.memberNumber,
  accountId: c.accountId,
  kind: c.kind,
  status: c.status,
  usable: c.status === 'active',
  discountPercent: c.discountPercent,
  monthlyPointsLimit: c.monthlyPointsLimit,
  monthlyValueLimitFen: c.monthlyValueLimitFen,
  replacesCardId: c.replacesCardId,
  replacedByCardId: c.replacedByCardId,
  issuedAt: c.issuedAt.toISOString(),
  statusChangedAt: c.statusChangedAt.toISOString(),
  events: events.filter((e) => e.cardId === c.id).map(toEventDto),
});

/** Cards with their steps, in one query for the steps. */
export async function cardDtos(db: DbOrTx, tenantId: string, cards: repo.CardRowWithMember[]): Promise<CardDto[]> {
  const events = await repo.eventsOf(db, tenantId, cards.map((c) => c.id));
  return cards.map((c) => toCardDto(c, events));
}
