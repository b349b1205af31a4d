import { z } from 'zod';
import { BonusPreview, BonusPreviewResult, BonusRule, BonusRuleListQuery, CreateBonusRule, UpdateBonusRule, pageOf } from '@jiake/shared';
import type { App } from '../../platform/http/types.ts';
import * as rules from './bonus-rules.service.ts';
import { previewAward } from './bonus-preview.ts';

const IdParams = z.object({ id: z.uuid() });
const tags = ['loyalty'];

/** Bonus points rules (奖励积分, LOY-2) and the award preview; registered by loyalty.routes.ts. */
export function registerBonusRuleRoutes(app: App) {
  app.get('/api/v1/loyalty/bonus-rules', {
    config: { permission: 'loyalty:view' },
    schema: { tags, summary: 'Bonus rules of the programme, newest first (active=true for those that can apply)', querystring: BonusRuleListQuery, response: { 200: pageOf(BonusRule) } },
    handler: async (req) => rules.listBonusRules(req.ctx, req.query),
  });
  app.post('/api/v1/loyalty/bonus-rules', {
    config: { permission: 'loyalty:admin' },
    schema: {
      tags,
      summary: 'Add a bonus rule: window, conditions (stores, categories/series, birthday month, campaign), multiplier or fixed points, stackable, priority',
      body: CreateBonusRule,
      response: { 201: BonusRule },
    },
    handler: async (req, reply) => reply.status(201).send(await rules.createBonusRule(req.ctx, req.body)),
  });
  app.post('/api/v1/loyalty/bonus-rules/preview', {
    config: { permission: 'loyalty:view' },
    schema: {
      tags,
      summary: 'The points an order would earn now (base + bonus rules, with the breakdown), computed as a real award; nothing is written',
      body: BonusPreview,
      response: { 200: BonusPreviewResult },
    },
    handler: async (req) => previewAward(req.ctx, req.body),
  });
  app.get('/api/v1/loyalty/bonus-rules/:id', {
    config: { permission: 'loyalty:view' },
    schema: { tags, summary: 'One bonus rule', params: IdParams, response: { 200: BonusRule } },
    handler: async (req) => rules.getBonusRule(req.ctx, req.params.id),
  });
  app.patch('/api/v1/loyalty/bonus-rules/:id', {
    config: { permission: 'loyalty:admin' },
    schema: { tags, summary: 'Change a bonus rule (conditions and effect replaced whole); past awards keep what they were given', params: IdParams, body: UpdateBonusRule, response: { 200: BonusRule } },
    handler: async (req) => rules.updateBonusRule(req.ctx, req.params.id, req.body),
  });
  app.delete('/api/v1/loyalty/bonus-rules/:id', {
    config: { permission: 'loyalty:admin' },
    schema: { tags, summary: 'Deactivate a bonus rule (it is kept: past awards name it)', params: IdParams, response: { 200: BonusRule } },
    handler: async (req) => rules.deactivateBonusRule(req.ctx, req.params.id),
  });
}
