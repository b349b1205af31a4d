import type { z } from 'zod';
import type { MemberLookupQuery, MemberLookupResult } from '@jiake/shared';
import type { Ctx } from '../../platform/http/context.ts';
import { invalid, issue } from '../../platform/http/errors.ts';
import { normalisePhone } from '../../platform/phone.ts';
import { customersByContact, customerNamesByIds, isCustomerVisible } from '../customers/index.ts';
import * as repo from './members.repository.ts';
import { maskName, nameFor } from './loyalty.dto.ts';
import { presentedCard } from './card-numbers.ts';
import * as cards from './cards.repository.ts';

const MAX_HITS = 5;

/** What the counter sees of a card: usable only when active and its member active (a lost card says so). */
function lookupCard(card: cards.CardRowWithMember | null | undefined, memberStatus: string, replacedByNumber: string | null = null) {
  if (!card) return null;
  return {
    number: card.number, kind: card.kind, status: card.status, usable: card.status === 'active' && memberStatus === 'active',
    discountPercent: card.discountPercent, replacedByNumber,
  };
}

/** The member of a card number (any status), the card itself and, for a replaced card, its successor's number. */
async function byCard(ctx: Ctx, raw: string) {
  const card = await presentedCard(ctx.db, ctx.tenantId, raw, 'query.card');
  if (!card) return { rows: [], card: null, replacedByNumber: null };
  const [rows, successor] = await Promise.all([
    repo.findInTenant(ctx.db, ctx.tenantId, repo.byIds([card.memberId]), 1),
    card.replacedByCardId ? cards.cardInTenant(ctx.db, ctx.tenantId, card.replacedByCardId) : null,
  ]);
  return { rows, card, replacedByNumber: successor?.number ?? null };
}

/**
 * The counter's lookup in any store of the brand (LOY-7): a member's account is chain-wide, so loyalty:view finds a
 * member by phone (any format, the customer's or a contact's number), by member number or by card number whatever
 * the caller's data scope, and answers only what the counter needs: number, status, balance, join store, the card,
 * and the name — in full when the caller may see the customer, else the surname only (王**); none when the role
 * hides customer names. A card number answers that card whatever its status (a lost, replaced or cancelled card
 * answers its member flagged not usable); the other lookups answer the member's usable card. A mistyped card number
 * is a 422 `check_digit` at query.card.
 */
export async function lookupMembers(ctx: Ctx, q: z.output<typeof MemberLookupQuery>): Promise<z.infer<typeof MemberLookupResult>> {
  let rows: repo.MemberRowWithNames[];
  let found: Awaited<ReturnType<typeof byCard>> | null = null;
  if (q.card) {
    found = await byCard(ctx, q.card);
    rows = found.rows;
  } else if (q.number) rows = await repo.findInTenant(ctx.db, ctx.tenantId, repo.byNumber(q.number.toUpperCase()), 1);
  else {
    const n = normalisePhone(q.phone ?? '');
    if (!n) throw invalid([issue('query.phone', 'invalid_phone', `not a valid phone number: ${q.phone}`)]);
    const customers = await customersByContact(ctx.db, ctx.tenantId, { e164: n.e164 }, MAX_HITS);
    rows = customers.length ? await repo.findInTenant(ctx.db, ctx.tenantId, repo.byCustomers(customers.map((c) => c.id)), MAX_HITS) : [];
  }
  const [names, usable] = await Promise.all([
    customerNamesByIds(ctx.db, ctx.tenantId, rows.map((r) => r.customerId)),
    found ? [] : cards.openCardsOf(ctx.db, ctx.tenantId, rows.map((r) => r.id)),
  ]);
  const items = await Promise.all(
    rows.map(async (r) => {
      const full = nameFor(ctx, names.get(r.customerId));
      const name = full === null ? null : (await isCustomerVisible(ctx, r.customerId)) ? full : maskName(full);
      const card = found ? lookupCard(found.card, r.status, found.replacedByNumber) : lookupCard(usable.find((c) => c.memberId === r.id && cards.USABLE_STATUSES.includes(c.status)), r.status);
      return { memberId: r.id, number: r.number, name, status: r.status, balance: r.balance, joinStoreName: r.joinStoreName, card };
    }),
  );
  return { items };
}
