import type { z } from 'zod';
import type { CardDto, IssueCard } from '@jiake/shared';
import type { Ctx } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import { findVisible, lockMembers } from './members.repository.ts';
import { issueCardInTx, withCardRaces } from './card-issue.ts';
import { nextNumberPreview } from './card-numbers.ts';
import { cardDtos } from './cards.dto.ts';
import * as repo from './cards.repository.ts';

/** Member cards (LOY-6): issue, read a member's cards and one card, the numbering preview. */

/** One card the caller may see (through its member), with its steps. */
export async function getCard(ctx: Ctx, id: string): Promise<CardDto> {
  const card = await repo.findVisibleCard(ctx, ctx.db, id);
  if (!card) throw notFound('loyaltyCard');
  return (await cardDtos(ctx.db, ctx.tenantId, [card]))[0];
}

/** A member's cards, newest first, every status (a replaced card links to its successor). */
export async function memberCards(ctx: Ctx, memberId: string): Promise<{ items: CardDto[] }> {
  if (!(await findVisible(ctx, ctx.db, memberId))) throw notFound('loyaltyMember');
  return { items: await cardDtos(ctx.db, ctx.tenantId, await repo.cardsOfMember(ctx.db, ctx.tenantId, memberId)) };
}

/** Issue a card to a member the caller can see (a generated number, or a pre-printed one of the current format). */
export async function issueCard(ctx: Ctx, memberId: string, input: z.output<typeof IssueCard>): Promise<CardDto> {
  const id = await withCardRaces(() =>
    ctx.db.transaction(async (tx) => {
      if (!(await findVisible(ctx, tx, memberId))) throw notFound('loyaltyMember');
      const member = (await lockMembers(tx, ctx.tenantId, [memberId])).get(memberId)!;
      return (await issueCardInTx(ctx, tx, member, { number: input.number, numberPath: 'body.number', note: input.note })).id;
    }),
  );
  return getCard(ctx, id);
}

export const cardNumbering = (ctx: Ctx) => nextNumberPreview(ctx.db, ctx.tenantId);
