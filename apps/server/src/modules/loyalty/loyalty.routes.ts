import { z } from 'zod';
import {
  Adjustment, AdjustmentListQuery, ConsentGrant, CreateAdjustment, DecideAdjustment, EnrolMember, EntryListQuery, LoyaltySettings, Member, MemberListQuery,
  MemberLookupQuery, MemberLookupResult, PointsEntry, RejectAdjustment, UpdateLoyaltySettings, VerifyLedgerResult, pageOf,
} from '@jiake/shared';
import type { RouteModule } from '../../platform/http/types.ts';
import { registerAuditScope } from '../../platform/audit/audit.service.ts';
import { scopedMemberIds } from './members.repository.ts';
import { scopedAdjustmentIds } from './adjustments.repository.ts';
import * as program from './program.service.ts';
import * as members from './members.service.ts';
import { lookupMembers } from './member-lookup.service.ts';
import * as adjustments from './adjustments.service.ts';
import { memberEntries, verifyTenantLedger } from './statement.service.ts';
import { registerRedemptionRoutes } from './redemptions.routes.ts';
import { registerTierRoutes } from './tiers.routes.ts';
import { registerCardRoutes } from './cards.routes.ts';
import { registerStoredValueRoutes } from './stored-value.routes.ts';
import { registerBonusRuleRoutes } from './bonus-rules.routes.ts';
import { registerSettlementRoutes } from './settlement.routes.ts';
import { registerPricingRoutes } from './pricing.routes.ts';
import { registerMergeHook } from './merge-hook.ts';
import { sendOutcome } from './idempotency.ts';

const IdParams = z.object({ id: z.uuid() });
const tags = ['loyalty'];
const IdempotencyHeaders = z.object({ 'idempotency-key': z.string().optional() });

/** Loyalty programme, members, points statements, manual adjustments and ledger verification (LOY-1…LOY-8). */
export const loyaltyRoutes: RouteModule = (app) => {
  registerAuditScope('loyaltyMember', scopedMemberIds);
  registerAuditScope('loyaltyAdjustment', scopedAdjustmentIds);

  app.get('/api/v1/loyalty/settings', {
    config: { permission: 'loyalty:view' },
    schema: { tags, summary: 'The programme: earn rates (per store kind), rounding, expiry, returns policy, approval threshold, member numbers', response: { 200: LoyaltySettings } },
    handler: async (req) => program.getSettings(req.ctx),
  });
  app.patch('/api/v1/loyalty/settings', {
    config: { permission: 'loyalty:admin' },
    schema: { tags, summary: 'Replace the given sections of the programme (points already earned keep their expiry)', body: UpdateLoyaltySettings, response: { 200: LoyaltySettings } },
    handler: async (req) => program.updateSettings(req.ctx, req.body),
  });

  app.get('/api/v1/loyalty/members', {
    config: { permission: 'loyalty:view' },
    schema: { tags, summary: 'Members of the caller’s stores, newest first (keyset pages)', querystring: MemberListQuery, response: { 200: pageOf(Member) } },
    handler: async (req) => members.listMembers(req.ctx, req.query),
  });
  app.get('/api/v1/loyalty/members/lookup', {
    config: { permission: 'loyalty:view' },
    schema: {
      tags,
      summary: 'Counter lookup in any store of the brand, by phone or member number: number, status, balance and the name (masked outside the caller’s scope)',
      querystring: MemberLookupQuery,
      response: { 200: MemberLookupResult },
    },
    handler: async (req) => lookupMembers(req.ctx, req.query),
  });
  app.post('/api/v1/loyalty/members', {
    config: { permission: 'loyalty:enrol' },
    schema: { tags, summary: 'Enrol a customer (one membership each; 409 already_member) with a member number and the marketing consents given', body: EnrolMember, response: { 201: Member } },
    handler: async (req, reply) => reply.status(201).send(await members.enrolMember(req.ctx, req.body)),
  });
  app.get('/api/v1/loyalty/members/:id', {
    config: { permission: 'loyalty:view' },
    schema: { tags, summary: 'One member with balance and current consents', params: IdParams, response: { 200: Member } },
    handler: async (req) => members.getMember(req.ctx, req.params.id),
  });
  app.post('/api/v1/loyalty/members/:id/consents', {
    config: { permission: 'loyalty:enrol' },
    schema: { tags, summary: 'Record a marketing consent or its withdrawal on one channel (kept with time and source)', params: IdParams, body: ConsentGrant, response: { 200: Member } },
    handler: async (req) => members.recordConsent(req.ctx, req.params.id, req.body),
  });
  app.get('/api/v1/loyalty/members/:id/entries', {
    config: { permission: 'loyalty:view' },
    schema: { tags, summary: 'The member’s points statement, newest first (keyset pages)', params: IdParams, querystring: EntryListQuery, response: { 200: pageOf(PointsEntry) } },
    handler: async (req) => memberEntries(req.ctx, req.params.id, req.query),
  });

  app.get('/api/v1/loyalty/adjustments', {
    config: { permission: 'loyalty:view' },
    schema: { tags, summary: 'Manual adjustments, newest first; status=pending for the approval queue', querystring: AdjustmentListQuery, response: { 200: pageOf(Adjustment) } },
    handler: async (req) => adjustments.listAdjustments(req.ctx, req.query),
  });
  app.post('/api/v1/loyalty/adjustments', {
    config: { permission: 'loyalty:adjust' },
    schema: {
      tags,
      summary: 'Adjust a member’s points with a reason: posted at once up to the approval threshold, else pending. Idempotency-Key: a replay answers the first result',
      headers: IdempotencyHeaders,
      body: CreateAdjustment,
      response: { 201: Adjustment },
    },
    handler: async (req, reply) => sendOutcome(reply, await adjustments.requestAdjustment(req.ctx, req.body, req.headers['idempotency-key'])),
  });
  app.get('/api/v1/loyalty/adjustments/:id', {
    config: { permission: 'loyalty:view' },
    schema: { tags, summary: 'One manual adjustment', params: IdParams, response: { 200: Adjustment } },
    handler: async (req) => adjustments.getAdjustment(req.ctx, req.params.id),
  });
  app.post('/api/v1/loyalty/adjustments/:id/approve', {
    config: { permission: 'loyalty:approve' },
    schema: { tags, summary: 'Approve a pending adjustment (not its requester): the entry is posted', params: IdParams, body: DecideAdjustment, response: { 200: Adjustment } },
    handler: async (req) => adjustments.approveAdjustment(req.ctx, req.params.id, req.body.note),
  });
  app.post('/api/v1/loyalty/adjustments/:id/reject', {
    config: { permission: 'loyalty:approve' },
    schema: { tags, summary: 'Reject a pending adjustment with a note (not its requester)', params: IdParams, body: RejectAdjustment, response: { 200: Adjustment } },
    handler: async (req) => adjustments.rejectAdjustment(req.ctx, req.params.id, req.body.note),
  });

  app.post('/api/v1/loyalty/verify', {
    config: { permission: 'loyalty:admin' },
    schema: { tags, summary: 'Verify the ledger: balances, running balances and lots recomputed from the entries; mismatches listed', response: { 200: VerifyLedgerResult } },
    handler: async (req) => verifyTenantLedger(req.ctx),
  });

  registerRedemptionRoutes(app);
  registerTierRoutes(app);
  registerCardRoutes(app);
  registerStoredValueRoutes(app);
  registerBonusRuleRoutes(app);
  registerSettlementRoutes(app);
  registerPricingRoutes(app);
  registerMergeHook();
};
