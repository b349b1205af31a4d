import { z } from 'zod';
import { ChangeMemberTier, MemberTier, ReplaceTiers, TierList, TierMix, TierMixQuery } from '@jiake/shared';
import type { App } from '../../platform/http/types.ts';
import * as tiers from './tiers.service.ts';
import * as memberTier from './tier-member.service.ts';

const IdParams = z.object({ id: z.uuid() });
const tags = ['loyalty'];

/** Member tiers (LOY-5): the tier table, a member's tier with its history and manual change, the tier mix; registered by loyalty.routes.ts. */
export function registerTierRoutes(app: App) {
  app.get('/api/v1/loyalty/tiers', {
    config: { permission: 'loyalty:view' },
    schema: { tags, summary: 'The tier table, lowest first: code, name, threshold (cumulative spend in fen), benefits, active, whether members hold it', response: { 200: TierList } },
    handler: async (req) => tiers.listTiers(req.ctx),
  });
  app.put('/api/v1/loyalty/tiers', {
    config: { permission: 'loyalty:admin' },
    schema: {
      tags,
      summary:
        'Replace the tier table, lowest first (matched by code): codes unique, thresholds strictly increasing from 0, the entry tier active. A held tier cannot be left out (409 tier_in_use): deactivate it',
      body: ReplaceTiers,
      response: { 200: TierList },
    },
    handler: async (req) => tiers.replaceTiers(req.ctx, req.body),
  });
  app.get('/api/v1/loyalty/tiers/mix', {
    config: { permission: 'loyalty:view' },
    schema: { tags, summary: 'Members of the caller’s stores (by join store; or of one store) per tier; tierId null: members not evaluated yet', querystring: TierMixQuery, response: { 200: TierMix } },
    handler: async (req) => memberTier.tierMix(req.ctx, req.query.storeId),
  });
  app.get('/api/v1/loyalty/members/:id/tier', {
    config: { permission: 'loyalty:view' },
    schema: { tags, summary: 'A member’s tier: spend in the window, the next tier and what it needs, benefits, history (newest first)', params: IdParams, response: { 200: MemberTier } },
    handler: async (req) => memberTier.getMemberTier(req.ctx, req.params.id),
  });
  app.post('/api/v1/loyalty/members/:id/tier', {
    config: { permission: 'loyalty:adjust' },
    schema: {
      tags,
      summary: 'Set a member’s tier by hand with a reason (audited, the member told). 409 same_tier / tier_inactive / member_not_active',
      params: IdParams,
      body: ChangeMemberTier,
      response: { 200: MemberTier },
    },
    handler: async (req) => memberTier.changeMemberTier(req.ctx, req.params.id, req.body),
  });
}
