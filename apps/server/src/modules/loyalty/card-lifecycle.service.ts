import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { CARD_TRANSITIONS, type CardDto, type CardEventAction, type CardLimits, type ReplaceCard } from '@jiake/shared';
import type { Tx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { updateScoped } from '../../platform/db/scoped.ts';
import { conflict, issueCardInTx, lockedCard, recordCardEvent, withCardRaces } from './card-issue.ts';
import { getCard } from './cards.service.ts';
import * as repo from './cards.repository.ts';

/**
 * A card's steps after issue (LOY-6): activate, report lost (refused at the counter from that moment), replace (a new
 * card for the same member and account: points and stored value live on the account, so they are intact; the old
 * card is refused from then on), cancel; and the card's discount and a sub card's monthly limits. Each step is
 * audited and recorded with who, when and where; a step the card's status does not allow is a 409 `card_status`.
 */

type Transition = keyof typeof CARD_TRANSITIONS;
const STEP: Record<Transition, { to: repo.CardStatus; event: CardEventAction; audit: string }> = {
  activate: { to: 'active', event: 'activated', audit: 'loyaltyCard.activated' },
  report_lost: { to: 'lost', event: 'reported_lost', audit: 'loyaltyCard.reportedLost' },
  replace: { to: 'replaced', event: 'replaced', audit: 'loyaltyCard.replaced' },
  cancel: { to: 'cancelled', event: 'cancelled', audit: 'loyaltyCard.cancelled' },
};

/** Move a locked card one step (409 `card_status` when its status does not allow it), audited and recorded. */
export async function moveCard(ctx: Ctx, tx: Tx, card: repo.CardRow, step: Transition, note: string | null, patch: Record<string, unknown> = {}, meta: Record<string, unknown> = {}) {
  if (!CARD_TRANSITIONS[step].includes(card.status)) throw conflict('card_status', `a card that is ${card.status} cannot take the step ${step}`, { status: card.status, action: step });
  const { to, event, audit } = STEP[step];
  await updateScoped(ctx, tx, repo.cardFence, card.id, { status: to, statusChangedAt: ctx.now(), ...patch }, { action: audit, meta: { number: card.number, note, ...meta }, extra: repo.visibleCards(ctx) });
  await recordCardEvent(ctx, tx, card.id, { action: event, from: card.status, to, note, meta });
}

async function simpleStep(ctx: Ctx, id: string, step: 'activate' | 'report_lost' | 'cancel', note: string | null): Promise<CardDto> {
  await ctx.db.transaction(async (tx) => {
    const { card, member } = await lockedCard(ctx, tx, id);
    if (step === 'activate' && member.status !== 'active') throw conflict('member_not_active', `the member is ${member.status}`, { status: member.status });
    await moveCard(ctx, tx, card, step, note);
  });
  return getCard(ctx, id);
}

export const activateCard = (ctx: Ctx, id: string, note: string | null) => simpleStep(ctx, id, 'activate', note);
export const reportCardLost = (ctx: Ctx, id: string, note: string | null) => simpleStep(ctx, id, 'report_lost', note);
export const cancelCard = (ctx: Ctx, id: string, reason: string) => simpleStep(ctx, id, 'cancel', reason);

/**
 * Replace a card (issued, active or lost): the old card becomes `replaced` and points to a new card of the same
 * member, account and kind, carrying its discount and limits. Answers the new card.
 */
export async function replaceCard(ctx: Ctx, id: string, input: z.output<typeof ReplaceCard>): Promise<CardDto> {
  const newId = await withCardRaces(() =>
    ctx.db.transaction(async (tx) => {
      const { card, member } = await lockedCard(ctx, tx, id);
      const next = randomUUID();
      await moveCard(ctx, tx, card, 'replace', input.reason ?? null, { replacedByCardId: next });
      const fresh = await issueCardInTx(ctx, tx, member, { id: next, number: input.number, numberPath: 'body.number', note: input.reason ?? null, replaces: card });
      return fresh.id;
    }),
  );
  return getCard(ctx, newId);
}

/** Change the discount of a card that is not final (打折卡: percent off; null removes it). */
export async function setCardDiscount(ctx: Ctx, id: string, discountPercent: number | null): Promise<CardDto> {
  await ctx.db.transaction(async (tx) => {
    const { card } = await lockedCard(ctx, tx, id);
    if (repo.FINAL_STATUSES.includes(card.status)) throw conflict('card_status', `a card that is ${card.status} cannot change`, { status: card.status, action: 'discount' });
    if (card.discountPercent === discountPercent) return;
    await updateScoped(ctx, tx, repo.cardFence, id, { discountPercent }, { action: 'loyaltyCard.discountChanged', meta: { number: card.number }, extra: repo.visibleCards(ctx) });
    await recordCardEvent(ctx, tx, id, { action: 'discount_changed', from: card.status, to: card.status, meta: { from: card.discountPercent, to: discountPercent } });
  });
  return getCard(ctx, id);
}

/** Set a sub card's monthly limits (409 `not_a_sub_card` for a primary card; null: no limit). */
export async function setCardLimits(ctx: Ctx, id: string, limits: z.output<typeof CardLimits>): Promise<CardDto> {
  await ctx.db.transaction(async (tx) => {
    const { card } = await lockedCard(ctx, tx, id);
    if (card.kind !== 'sub') throw conflict('not_a_sub_card', 'only the sub cards of a family account carry limits');
    if (repo.FINAL_STATUSES.includes(card.status)) throw conflict('card_status', `a card that is ${card.status} cannot change`, { status: card.status, action: 'limits' });
    const before = { monthlyPointsLimit: card.monthlyPointsLimit, monthlyValueLimitFen: card.monthlyValueLimitFen };
    if (before.monthlyPointsLimit === limits.monthlyPointsLimit && before.monthlyValueLimitFen === limits.monthlyValueLimitFen) return;
    await updateScoped(ctx, tx, repo.cardFence, id, limits, { action: 'loyaltyCard.limitsChanged', meta: { number: card.number }, extra: repo.visibleCards(ctx) });
    await recordCardEvent(ctx, tx, id, { action: 'limits_changed', from: card.status, to: card.status, meta: { from: before, to: limits } });
  });
  return getCard(ctx, id);
}
