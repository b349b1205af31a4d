import { CustomerListQuery, type CallerLookupResultDto } from '@jiake/shared';
import type { Ctx } from '../../platform/http/context.ts';
import { can } from '../../platform/http/context.ts';
import { invalid, issue } from '../../platform/http/errors.ts';
import { normalisePhone } from '../../platform/phone.ts';
import { redactRecord } from '../../platform/access/field-security.ts';
import { listCustomers } from '../customers/index.ts';
import { requestsOfCustomer } from '../service-requests/index.ts';
import { recentOrdersOfCustomer } from '../orders/index.ts';

/** Customers shown for one number: a shared family or office line rarely reaches more. */
const MAX_MATCHES = 5;
const OPEN_REQUESTS = 10;
const RECENT_ORDERS = 5;

/**
 * Who is calling (SVC-8): the number in any format is normalised (E.164, default region CN) and searched like the
 * customer list searches phones, within the caller's data scope and field rules (a role that cannot see phones
 * finds nobody by phone). Each match comes with its open requests and recent orders when the caller may read them.
 */
export async function lookupCaller(ctx: Ctx, phone: string): Promise<CallerLookupResultDto> {
  const n = normalisePhone(phone);
  if (!n) throw invalid([issue('query.phone', 'invalid_phone', `not a valid phone number: ${phone}`)]);
  const page = await listCustomers(ctx, CustomerListQuery.parse({ q: n.digits, limit: MAX_MATCHES, sort: 'updatedAt', order: 'desc' }));
  const readRequests = can(ctx, 'requests:view');
  const readOrders = can(ctx, 'orders:view');
  const matches = await Promise.all(
    page.items.map(async (c) => ({
      customer: redactRecord(ctx, 'customer', c),
      openRequests: readRequests ? (await requestsOfCustomer(ctx, c.id, { open: true })).slice(0, OPEN_REQUESTS) : null,
      recentOrders: readOrders ? await recentOrdersOfCustomer(ctx, c.id, RECENT_ORDERS) : null,
    })),
  );
  return { phone: n.e164, matches };
}
