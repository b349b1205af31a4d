import type { z } from 'zod';
import type { MemberLookupQuery, MemberLookupResult } from '@jiake/shared';
import type { Ctx } from '../../platform/http/context.ts';
import { invalid, issue } from '../../platform/http/errors.ts';
import { normalisePhone } from '../../platform/phone.ts';
import { customersByContact, customerNamesByIds, isCustomerVisible } from '../customers/index.ts';
import * as repo from './members.repository.ts';
import { maskName, nameFor } from './loyalty.dto.ts';

const MAX_HITS = 5;

/**
 * The counter's lookup in any store of the brand (LOY-7): a member's account is chain-wide, so loyalty:view finds a
 * member by phone (any format, the customer's or a contact's number) or by member number whatever the caller's data
 * scope, and answers only what the counter needs: number, status, balance, join store, and the name — in full
 * when the caller may see the customer, else the surname only (王**); none when the role hides customer names.
 */
export async function lookupMembers(ctx: Ctx, q: z.output<typeof MemberLookupQuery>): Promise<z.infer<typeof MemberLookupResult>> {
  let rows: repo.MemberRowWithNames[];
  if (q.number) rows = await repo.findInTenant(ctx.db, ctx.tenantId, repo.byNumber(q.number.toUpperCase()), 1);
  else {
    const n = normalisePhone(q.phone ?? '');
    if (!n) throw invalid([issue('query.phone', 'invalid_phone', `not a valid phone number: ${q.phone}`)]);
    const customers = await customersByContact(ctx.db, ctx.tenantId, { e164: n.e164 }, MAX_HITS);
    rows = customers.length ? await repo.findInTenant(ctx.db, ctx.tenantId, repo.byCustomers(customers.map((c) => c.id)), MAX_HITS) : [];
  }
  const names = await customerNamesByIds(ctx.db, ctx.tenantId, rows.map((r) => r.customerId));
  const items = await Promise.all(
    rows.map(async (r) => {
      const full = nameFor(ctx, names.get(r.customerId));
      const name = full === null ? null : (await isCustomerVisible(ctx, r.customerId)) ? full : maskName(full);
      return { memberId: r.id, number: r.number, name, status: r.status, balance: r.balance, joinStoreName: r.joinStoreName };
    }),
  );
  return { items };
}
