import type { CardEventAction, CardKind } from '@jiake/shared';
import type { Tx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { insertScoped, lockScoped } from '../../platform/db/scoped.ts';
import { accountsByIds } from './ledger.repository.ts';
import { lockMembers, type MemberRow } from './members.repository.ts';
import { loadSettings } from './program.service.ts';
import { numberForNewCard } from './card-numbers.ts';
import * as repo from './cards.repository.ts';

/**
 * Issuing a card and the pieces every card action shares: who and where (the caller's unit), the step record, the
 * locks (member row, then card row: the order every card and family action takes) and the 409s.
 */

export const conflict = (reason: string, message: string, params: Record<string, unknown> = {}) => new AppError('conflict', message, { params: { reason, ...params } });
export const actorOf = (ctx: Ctx) => (ctx.actor.kind === 'user' ? ctx.actor.id : null);
/** Where it happened: the caller's unit (the counter's store). */
export const placeOf = (ctx: Ctx) => ctx.actor.unitId || null;

export async function recordCardEvent(
  ctx: Ctx,
  tx: Tx,
  cardId: string,
  step: { action: CardEventAction; from: repo.CardStatus | null; to: repo.CardStatus; note?: string | null; meta?: Record<string, unknown> },
) {
  await repo.insertCardEvent(tx, {
    tenantId: ctx.tenantId, cardId, action: step.action, fromStatus: step.from, toStatus: step.to, note: step.note ?? null,
    at: ctx.now(), byId: actorOf(ctx), storeId: placeOf(ctx), meta: step.meta ?? {},
  });
}

/** A card the caller may see, locked after its member's row (404 otherwise), with that member. */
export async function lockedCard(ctx: Ctx, tx: Tx, id: string): Promise<{ card: repo.CardRow; member: MemberRow }> {
  const seen = await repo.findVisibleCard(ctx, tx, id);
  if (!seen) throw notFound('loyaltyCard');
  const member = (await lockMembers(tx, ctx.tenantId, [seen.memberId])).get(seen.memberId)!;
  const card = await lockScoped<repo.CardRow>(ctx, tx, repo.cardFence, id, repo.visibleCards(ctx));
  return { card, member };
}

/** A sub card on a family account the member does not head; else a primary card. */
async function kindFor(tx: Tx, tenantId: string, member: MemberRow): Promise<CardKind> {
  const account = (await accountsByIds(tx, tenantId, [member.accountId])).get(member.accountId);
  return account?.kind === 'family' && account.primaryMemberId !== member.id ? 'sub' : 'primary';
}

export interface NewCard {
  /** A pre-printed number of the current format, checked at `numberPath`. */
  number?: string;
  numberPath: string;
  note?: string | null;
  /** The card this one replaces (already marked replaced and linked to `id`): discount and limits carry over. */
  replaces?: repo.CardRow;
  /** The id the new card takes (a replacement's old card points to it before it exists). */
  id?: string;
  /** Sub cards: monthly limits (absent: the member's previous sub card's on this account, else none). */
  limits?: { monthlyPointsLimit?: number | null; monthlyValueLimitFen?: number | null };
}

/**
 * Issue a card to a member whose row the caller holds locked: 409 `member_not_active`, 409 `has_usable_card` (one
 * usable card per member). The card is for the member's current account, `sub` when that is a family account the
 * member does not head; issued, or active at once when the programme says so. Audited, and its first step recorded.
 */
export async function issueCardInTx(ctx: Ctx, tx: Tx, member: MemberRow, opts: NewCard): Promise<repo.CardRow> {
  const tenantId = ctx.tenantId;
  if (member.status !== 'active') throw conflict('member_not_active', `the member is ${member.status}`, { status: member.status });
  const usable = await repo.usableCardOf(tx, tenantId, member.id);
  if (usable) throw conflict('has_usable_card', `the member already holds card ${usable.number}`, { cardId: usable.id, number: usable.number });
  const number = await numberForNewCard(tx, tenantId, opts.number, opts.numberPath);
  const { cards: settings } = await loadSettings(tx, tenantId);
  const kind = await kindFor(tx, tenantId, member);
  const previous = opts.replaces ?? (await repo.cardsOfMember(tx, tenantId, member.id, 5)).find((c) => c.kind === 'sub' && c.accountId === member.accountId);
  const carried = previous && previous.accountId === member.accountId ? previous : null;
  const limit = (key: 'monthlyPointsLimit' | 'monthlyValueLimitFen') => (kind !== 'sub' ? null : opts.limits?.[key] !== undefined ? opts.limits[key] : (carried?.[key] ?? null));
  const status: repo.CardStatus = settings.activateOnIssue ? 'active' : 'issued';
  const now = ctx.now();
  const card = await insertScoped<repo.CardRow>(
    ctx,
    tx,
    repo.cardFence,
    {
      ...(opts.id ? { id: opts.id } : {}),
      number, memberId: member.id, accountId: member.accountId, kind, status,
      discountPercent: carried?.discountPercent ?? null, monthlyPointsLimit: limit('monthlyPointsLimit'), monthlyValueLimitFen: limit('monthlyValueLimitFen'),
      replacesCardId: opts.replaces?.id ?? null, issuedAt: now, issuedById: actorOf(ctx), issuedStoreId: placeOf(ctx), statusChangedAt: now, createdAt: now, updatedAt: now,
    },
    { action: 'loyaltyCard.issued', meta: { memberId: member.id, memberNumber: member.number, number, kind, replaces: opts.replaces?.number ?? null } },
  );
  await recordCardEvent(ctx, tx, card.id, { action: 'issued', from: null, to: status, note: opts.note, meta: opts.replaces ? { replaces: opts.replaces.number } : {} });
  return card;
}

const isUnique = (err: unknown): string | null => {
  const e = err as { code?: string; constraint?: string; cause?: { code?: string; constraint?: string } };
  if (e?.code === '23505') return e.constraint ?? '';
  if (e?.cause?.code === '23505') return e.cause.constraint ?? '';
  return null;
};

/** Two issues racing past the checks meet the unique indexes: the loser is told like a repeat (409). */
export async function withCardRaces<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    const constraint = isUnique(err);
    if (constraint === 'loyalty_cards_number') throw conflict('card_number_taken', 'the card number was issued meanwhile');
    if (constraint === 'loyalty_cards_usable') throw conflict('has_usable_card', 'the member was issued a card meanwhile');
    throw err;
  }
}
