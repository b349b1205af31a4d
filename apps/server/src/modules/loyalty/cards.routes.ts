import { z } from 'zod';
import { ActivateCard, AddFamilyMember, CancelCard, Card, CardLimits, CardList, CardNumbering, Family, FamilyChange, IssueCard, ReplaceCard, ReportCardLost, UpdateCard } from '@jiake/shared';
import type { App } from '../../platform/http/types.ts';
import { registerAuditScope } from '../../platform/audit/audit.service.ts';
import { scopedCardIds } from './cards.repository.ts';
import * as cards from './cards.service.ts';
import * as lifecycle from './card-lifecycle.service.ts';
import { getFamily } from './family.service.ts';
import { addFamilyMember, removeFamilyMember } from './family-members.service.ts';
import { sendOutcome } from './idempotency.ts';

const IdParams = z.object({ id: z.uuid() });
const tags = ['loyalty'];
const IdempotencyHeaders = z.object({ 'idempotency-key': z.string().optional() });

/**
 * Member cards and family accounts (LOY-6, LOY-7); registered by loyalty.routes.ts. Cards are reached through their
 * member (the member's join store fences them); the counter finds a member by card number chain-wide through the
 * member lookup (`/members/lookup?card=`).
 */
export function registerCardRoutes(app: App) {
  registerAuditScope('loyaltyCard', scopedCardIds);

  app.get('/api/v1/loyalty/cards/numbering', {
    config: { permission: 'loyalty:admin' },
    schema: { tags, summary: 'The card sequence value the next generated number takes, and that number in the current format (settings preview)', response: { 200: CardNumbering } },
    handler: async (req) => cards.cardNumbering(req.ctx),
  });

  app.get('/api/v1/loyalty/members/:id/cards', {
    config: { permission: 'loyalty:view' },
    schema: { tags, summary: 'A member’s cards, newest first, every status, each with its steps (who, when, where)', params: IdParams, response: { 200: CardList } },
    handler: async (req) => cards.memberCards(req.ctx, req.params.id),
  });
  app.post('/api/v1/loyalty/members/:id/cards', {
    config: { permission: 'loyalty:enrol' },
    schema: {
      tags,
      summary: 'Issue a card (a generated number, or a pre-printed one of the current format: 422 check_digit / card_format). 409 has_usable_card: one usable card per member',
      params: IdParams,
      body: IssueCard,
      response: { 201: Card },
    },
    handler: async (req, reply) => reply.status(201).send(await cards.issueCard(req.ctx, req.params.id, req.body)),
  });

  app.get('/api/v1/loyalty/cards/:id', {
    config: { permission: 'loyalty:view' },
    schema: { tags, summary: 'One card with its steps', params: IdParams, response: { 200: Card } },
    handler: async (req) => cards.getCard(req.ctx, req.params.id),
  });
  app.patch('/api/v1/loyalty/cards/:id', {
    config: { permission: 'loyalty:adjust' },
    schema: { tags, summary: 'Set the discount of a discount card (percent off; null removes it)', params: IdParams, body: UpdateCard, response: { 200: Card } },
    handler: async (req) => lifecycle.setCardDiscount(req.ctx, req.params.id, req.body.discountPercent),
  });
  app.post('/api/v1/loyalty/cards/:id/activate', {
    config: { permission: 'loyalty:enrol' },
    schema: { tags, summary: 'Activate an issued card (409 card_status otherwise)', params: IdParams, body: ActivateCard, response: { 200: Card } },
    handler: async (req) => lifecycle.activateCard(req.ctx, req.params.id, req.body.note ?? null),
  });
  app.post('/api/v1/loyalty/cards/:id/report-lost', {
    config: { permission: 'loyalty:enrol' },
    schema: { tags, summary: 'Report a card lost: refused at every counter from this moment (the balances stay on the account)', params: IdParams, body: ReportCardLost, response: { 200: Card } },
    handler: async (req) => lifecycle.reportCardLost(req.ctx, req.params.id, req.body.note ?? null),
  });
  app.post('/api/v1/loyalty/cards/:id/replace', {
    config: { permission: 'loyalty:adjust' },
    schema: {
      tags,
      summary: 'Replace a card: a new card for the same member and account (points and stored value intact, discount and limits carried); the old card is refused from now on. Answers the new card',
      params: IdParams,
      body: ReplaceCard,
      response: { 201: Card },
    },
    handler: async (req, reply) => reply.status(201).send(await lifecycle.replaceCard(req.ctx, req.params.id, req.body)),
  });
  app.post('/api/v1/loyalty/cards/:id/cancel', {
    config: { permission: 'loyalty:adjust' },
    schema: { tags, summary: 'Cancel a card with a reason (final; the member keeps the account and may be issued another card)', params: IdParams, body: CancelCard, response: { 200: Card } },
    handler: async (req) => lifecycle.cancelCard(req.ctx, req.params.id, req.body.reason),
  });
  app.put('/api/v1/loyalty/cards/:id/limits', {
    config: { permission: 'loyalty:enrol' },
    schema: {
      tags,
      summary: 'Set a family sub card’s monthly limits: points redeemed and stored value (fen) spent per Shanghai calendar month (null: none). 409 not_a_sub_card',
      params: IdParams,
      body: CardLimits,
      response: { 200: Card },
    },
    handler: async (req) => lifecycle.setCardLimits(req.ctx, req.params.id, req.body),
  });

  app.get('/api/v1/loyalty/members/:id/family', {
    config: { permission: 'loyalty:view' },
    schema: { tags, summary: 'The member’s account and everyone on it: the primary member and the sub members, their cards, limits and this month’s spending', params: IdParams, response: { 200: Family } },
    handler: async (req) => getFamily(req.ctx, req.params.id),
  });
  app.post('/api/v1/loyalty/members/:id/family', {
    config: { permission: 'loyalty:enrol' },
    schema: {
      tags,
      summary:
        'Add a customer to the member’s account as a sub member (enrolled first if needed): their points (expiry kept) and stored value move to the shared account and a sub card is issued with the limits given. The account becomes a family account. Adding a member already there changes nothing. Idempotency-Key: a replay answers the first result',
      params: IdParams,
      headers: IdempotencyHeaders,
      body: AddFamilyMember,
      response: { 200: FamilyChange },
    },
    handler: async (req, reply) => sendOutcome(reply, await addFamilyMember(req.ctx, req.params.id, req.body, req.headers['idempotency-key'])),
  });
  app.delete('/api/v1/loyalty/members/:id/family', {
    config: { permission: 'loyalty:adjust' },
    schema: {
      tags,
      summary: 'Take a sub member out of their family account: the points and stored value stay with the family, the member goes back to an account of their own and the sub card is cancelled. 409 primary_member / not_in_family',
      params: IdParams,
      response: { 200: FamilyChange },
    },
    handler: async (req) => removeFamilyMember(req.ctx, req.params.id),
  });
}
