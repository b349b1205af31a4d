import type { Tx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { invalid, issue, notFound } from '../../platform/http/errors.ts';
import { memberInTenant } from './members.repository.ts';
import { presentedCard } from './card-numbers.ts';
import { conflict } from './card-issue.ts';
import * as repo from './cards.repository.ts';
import { valueSpentByMember } from './stored-value.ts';

export interface CardUse {
  memberId: string;
  /** The card presented at the counter, when one was (a lost or cancelled card is refused). */
  cardNumber?: string | null;
  /** Points about to be spent / stored value (fen) about to be spent by this member: a sub card's limits apply. */
  points?: number;
  valueFen?: number;
}

const SHANGHAI_MS = 8 * 3_600_000;

/** The instant the Shanghai calendar month of `at` began. */
export function shanghaiMonthStart(at: Date): Date {
  const local = new Date(at.getTime() + SHANGHAI_MS);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1) - SHANGHAI_MS);
}

/**
 * The sub card whose limits bind a member: the card presented, else the member's current (not final) sub card of the
 * account — a member without their card in hand is still held to the family's limits.
 */
async function bindingCard(ctx: Ctx, tx: Tx, member: { id: string; accountId: string }, presented: repo.CardRowWithMember | null) {
  const card = presented ?? (await repo.openCardsOf(tx, ctx.tenantId, [member.id])).find((c) => c.kind === 'sub');
  return card && card.kind === 'sub' && card.accountId === member.accountId ? card : null;
}

/**
 * Check, inside the spending transaction (the caller holds the account's lock, which serialises a member's spends),
 * that a member may spend this. A card presented must be a card of this member (422 `body.cardNumber`:
 * `check_digit`, `not_found`, `other_member`) and active (409 `card_not_usable` with its status). A family sub card's
 * monthly limits hold against what the member spent this Shanghai calendar month on the account: points redeemed net
 * of cancelled redemptions, stored value net of cancelled spends (409 `card_limit_exceeded` with what remains).
 */
export async function checkCardUse(ctx: Ctx, tx: Tx, use: CardUse): Promise<void> {
  const member = await memberInTenant(tx, ctx.tenantId, use.memberId);
  if (!member) throw notFound('loyaltyMember');
  let presented: repo.CardRowWithMember | null = null;
  if (use.cardNumber) {
    presented = await presentedCard(tx, ctx.tenantId, use.cardNumber, 'body.cardNumber');
    if (!presented) throw invalid([issue('body.cardNumber', 'not_found', 'no card has this number')]);
    if (presented.memberId !== member.id) throw invalid([issue('body.cardNumber', 'other_member', 'the card belongs to another member')]);
    if (presented.status !== 'active') throw conflict('card_not_usable', `card ${presented.number} is ${presented.status}`, { status: presented.status, number: presented.number });
  }
  const card = await bindingCard(ctx, tx, member, presented);
  if (!card) return;
  const from = shanghaiMonthStart(ctx.now());
  if (use.points && card.monthlyPointsLimit !== null) {
    const spent = await repo.pointsRedeemedSince(tx, ctx.tenantId, member.id, member.accountId, from);
    if (spent + use.points > card.monthlyPointsLimit) throw limitExceeded('points', card, card.monthlyPointsLimit, spent, use.points);
  }
  if (use.valueFen && card.monthlyValueLimitFen !== null) {
    const spent = await valueSpentByMember(tx, ctx.tenantId, member.id, from);
    if (spent + use.valueFen > card.monthlyValueLimitFen) throw limitExceeded('value', card, card.monthlyValueLimitFen, spent, use.valueFen);
  }
}

const limitExceeded = (limit: 'points' | 'value', card: repo.CardRow, monthly: number, spent: number, asked: number) =>
  conflict('card_limit_exceeded', `sub card ${card.number} may spend ${monthly} ${limit === 'points' ? 'points' : 'fen'} a month; ${spent} spent, ${asked} asked`, {
    limit, monthly, spent, asked, remaining: Math.max(monthly - spent, 0), number: card.number,
  });
