import { z } from 'zod';
import {
  CancelSpend, MemberStoredValue, Refund, Spend, StoredValueMovement, StoredValueQuery, StoredValueSummary, StoredValueSummaryQuery, TopUp, VerifyStoredValueResult,
} from '@jiake/shared';
import type { App } from '../../platform/http/types.ts';
import { registerAuditScope } from '../../platform/audit/audit.service.ts';
import { scopedValueEntryIds } from './stored-value.repository.ts';
import * as movements from './stored-value-movements.service.ts';
import { memberStoredValue, storedValueSummary, verifyTenantStoredValue } from './stored-value-read.service.ts';
import { sendOutcome } from './idempotency.ts';

const IdParams = z.object({ id: z.uuid() });
const tags = ['loyalty'];
const IdempotencyHeaders = z.object({ 'idempotency-key': z.string().optional() });

/** Stored value (储值, LOY-6, LOY-8): balance and statement, top-up, spend, refund, cancel, summary, verification. */
export function registerStoredValueRoutes(app: App) {
  registerAuditScope('storedValueEntry', scopedValueEntryIds);

  app.get('/api/v1/loyalty/members/:id/stored-value', {
    config: { permission: 'loyalty:view' },
    schema: {
      tags,
      summary:
        'A member’s stored value (any member of the brand): balance with principal and bonus, and the statement newest first (keyset pages) — every entry of the account for the member’s own stores, else the entries of the caller’s stores',
      params: IdParams,
      querystring: StoredValueQuery,
      response: { 200: MemberStoredValue },
    },
    handler: async (req) => memberStoredValue(req.ctx, req.params.id, req.query),
  });
  app.post('/api/v1/loyalty/members/:id/stored-value/top-ups', {
    config: { permission: 'loyalty:enrol' },
    schema: {
      tags,
      summary:
        'Top up at the caller’s store (any store of the brand): the paid amount (principal) plus the bonus of the largest step reached. 409 balance_limit_exceeded / member_not_active. Idempotency-Key: a replay answers the first result',
      params: IdParams,
      headers: IdempotencyHeaders,
      body: TopUp,
      response: { 201: StoredValueMovement },
    },
    handler: async (req, reply) => sendOutcome(reply, await movements.topUp(req.ctx, req.params.id, req.body, req.headers['idempotency-key'])),
  });
  app.post('/api/v1/loyalty/members/:id/stored-value/spends', {
    config: { permission: 'loyalty:enrol' },
    schema: {
      tags,
      summary:
        'Spend at the caller’s store (any store of the brand), optionally for an order the caller can see; principal and bonus are taken in proportion. 409 insufficient_value / member_not_active / card_not_usable / card_limit_exceeded. Idempotency-Key: a replay answers the first result',
      params: IdParams,
      headers: IdempotencyHeaders,
      body: Spend,
      response: { 201: StoredValueMovement },
    },
    handler: async (req, reply) => sendOutcome(reply, await movements.spend(req.ctx, req.params.id, req.body, req.headers['idempotency-key'])),
  });
  app.post('/api/v1/loyalty/members/:id/stored-value/refunds', {
    config: { permission: 'loyalty:adjust' },
    schema: {
      tags,
      summary:
        'Refund principal to the customer with a reason (the member’s own stores); the bonus is forfeited in proportion. 409 refund_exceeds_principal. Idempotency-Key: a replay answers the first result',
      params: IdParams,
      headers: IdempotencyHeaders,
      body: Refund,
      response: { 201: StoredValueMovement },
    },
    handler: async (req, reply) => sendOutcome(reply, await movements.refund(req.ctx, req.params.id, req.body, req.headers['idempotency-key'])),
  });
  app.post('/api/v1/loyalty/stored-value/spends/:id/cancel', {
    config: { permission: 'loyalty:adjust' },
    schema: {
      tags,
      summary: 'Cancel a spend once (the store where it happened and the managers above): its principal and bonus come back. 409 already_cancelled',
      params: IdParams,
      body: CancelSpend,
      response: { 200: StoredValueMovement },
    },
    handler: async (req) => movements.cancelSpend(req.ctx, req.params.id, req.body.reason ?? null),
  });
  app.get('/api/v1/loyalty/stored-value/summary', {
    config: { permission: 'loyalty:view' },
    schema: {
      tags,
      summary:
        'Stored-value liability of the caller’s members (by the primary member’s join store) and the period’s top-ups, bonuses, spends, cancels and refunds at the caller’s stores, per store (Shanghai days; default this month)',
      querystring: StoredValueSummaryQuery,
      response: { 200: StoredValueSummary },
    },
    handler: async (req) => storedValueSummary(req.ctx, req.query),
  });
  app.post('/api/v1/loyalty/stored-value/verify', {
    config: { permission: 'loyalty:admin' },
    schema: {
      tags,
      summary: 'Verify the stored-value ledger: balances and parts, running balances, parts never negative, cancels equal to their spends; mismatches listed',
      response: { 200: VerifyStoredValueResult },
    },
    handler: async (req) => verifyTenantStoredValue(req.ctx),
  });
}
