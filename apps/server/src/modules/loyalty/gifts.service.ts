import type { z } from 'zod';
import type { CreateGift, GiftDto, GiftListQuery, UpdateGift } from '@jiake/shared';
import type { Ctx } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import { insertScoped, updateScoped } from '../../platform/db/scoped.ts';
import { decodeCursor } from '../../platform/db/keyset.ts';
import * as repo from './gifts.repository.ts';
import { toGiftDto } from './loyalty.dto.ts';

/** The gift catalogue (LOY-3): the programme administrator keeps names, prices and stock; every store redeems from it. */

export async function createGift(ctx: Ctx, input: z.output<typeof CreateGift>): Promise<GiftDto> {
  const now = ctx.now();
  const row = await ctx.db.transaction((tx) =>
    insertScoped<repo.GiftRow>(ctx, tx, repo.giftFence, { ...input, description: input.description ?? null, imageUrl: input.imageUrl ?? null, createdAt: now, updatedAt: now }),
  );
  return toGiftDto(row);
}

/** Change a gift; a new stock replaces the count (under the row lock redemptions take, so none is lost midway). */
export async function updateGift(ctx: Ctx, id: string, patch: z.output<typeof UpdateGift>): Promise<GiftDto> {
  const { after } = await ctx.db.transaction((tx) => updateScoped<repo.GiftRow>(ctx, tx, repo.giftFence, id, patch));
  return toGiftDto(after);
}

export async function getGift(ctx: Ctx, id: string): Promise<GiftDto> {
  const row = await repo.findGift(ctx, ctx.db, id);
  if (!row) throw notFound('loyaltyGift');
  return toGiftDto(row);
}

export async function listGifts(ctx: Ctx, q: z.output<typeof GiftListQuery>) {
  const page = await repo.giftPage(ctx.db, repo.giftListWhere(ctx, q), q.limit, decodeCursor(q.cursor));
  return { items: page.rows.map((r) => toGiftDto(r.gift)), nextCursor: page.nextCursor };
}
