import { z } from 'zod';
import {
  CancelRedemption, CreateGift, CreateRedemption, Gift, GiftListQuery, MemberRedemptionListQuery, Redemption, RedemptionListQuery, UpdateGift, pageOf,
} from '@jiake/shared';
import type { App } from '../../platform/http/types.ts';
import { registerAuditScope } from '../../platform/audit/audit.service.ts';
import { scopedRedemptionIds } from './redemptions.repository.ts';
import * as gifts from './gifts.service.ts';
import { redeem } from './redeem.service.ts';
import * as redemptions from './redemptions.service.ts';
import { sendOutcome } from './idempotency.ts';

const IdParams = z.object({ id: z.uuid() });
const tags = ['loyalty'];
const IdempotencyHeaders = z.object({ 'idempotency-key': z.string().optional() });

/** The gift catalogue and redemption at the counter (LOY-3); registered by loyalty.routes.ts. */
export function registerRedemptionRoutes(app: App) {
  registerAuditScope('loyaltyRedemption', scopedRedemptionIds);

  app.get('/api/v1/loyalty/gifts', {
    config: { permission: 'loyalty:view' },
    schema: { tags, summary: 'The gift catalogue, newest first (active=true for what the counter offers)', querystring: GiftListQuery, response: { 200: pageOf(Gift) } },
    handler: async (req) => gifts.listGifts(req.ctx, req.query),
  });
  app.post('/api/v1/loyalty/gifts', {
    config: { permission: 'loyalty:admin' },
    schema: { tags, summary: 'Add a gift: name, points price, stock (null: unlimited)', body: CreateGift, response: { 201: Gift } },
    handler: async (req, reply) => reply.status(201).send(await gifts.createGift(req.ctx, req.body)),
  });
  app.get('/api/v1/loyalty/gifts/:id', {
    config: { permission: 'loyalty:view' },
    schema: { tags, summary: 'One gift', params: IdParams, response: { 200: Gift } },
    handler: async (req) => gifts.getGift(req.ctx, req.params.id),
  });
  app.patch('/api/v1/loyalty/gifts/:id', {
    config: { permission: 'loyalty:admin' },
    schema: { tags, summary: 'Change a gift (a stock given replaces the count; active=false withdraws it)', params: IdParams, body: UpdateGift, response: { 200: Gift } },
    handler: async (req) => gifts.updateGift(req.ctx, req.params.id, req.body),
  });

  app.post('/api/v1/loyalty/members/:id/redemptions', {
    config: { permission: 'loyalty:enrol' },
    schema: {
      tags,
      summary:
        'Redeem a member’s points at the caller’s store (any store of the brand): a gift × quantity, or a cash deduction in fen at the programme’s rate. 409 out_of_stock / insufficient_points / below_minimum_balance. Idempotency-Key: a replay answers the first result',
      params: IdParams,
      headers: IdempotencyHeaders,
      body: CreateRedemption,
      response: { 201: Redemption },
    },
    handler: async (req, reply) => sendOutcome(reply, await redeem(req.ctx, req.params.id, req.body, req.headers['idempotency-key'])),
  });
  app.get('/api/v1/loyalty/members/:id/redemptions', {
    config: { permission: 'loyalty:view' },
    schema: { tags, summary: 'A member’s redemptions made in the caller’s stores, newest first (keyset pages)', params: IdParams, querystring: MemberRedemptionListQuery, response: { 200: pageOf(Redemption) } },
    handler: async (req) => redemptions.memberRedemptions(req.ctx, req.params.id, req.query),
  });
  app.get('/api/v1/loyalty/redemptions', {
    config: { permission: 'loyalty:view' },
    schema: { tags, summary: 'Redemptions of the caller’s stores (where they happened), newest first (keyset pages)', querystring: RedemptionListQuery, response: { 200: pageOf(Redemption) } },
    handler: async (req) => redemptions.listRedemptions(req.ctx, req.query),
  });
  app.get('/api/v1/loyalty/redemptions/:id', {
    config: { permission: 'loyalty:view' },
    schema: { tags, summary: 'One redemption', params: IdParams, response: { 200: Redemption } },
    handler: async (req) => redemptions.getRedemption(req.ctx, req.params.id),
  });
  app.post('/api/v1/loyalty/redemptions/:id/cancel', {
    config: { permission: 'loyalty:adjust' },
    schema: { tags, summary: 'Cancel a redemption once: the points go back to the lots they came from and a gift back in stock (409 already_cancelled)', params: IdParams, body: CancelRedemption, response: { 200: Redemption } },
    handler: async (req) => redemptions.cancelRedemption(req.ctx, req.params.id, req.body.reason ?? null),
  });
}
