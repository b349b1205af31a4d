import type { SalesActivityDto, SalesTimelineEntryDto } from '@jiake/shared';
import { can, type Ctx } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import { missingPermission } from '../../platform/http/guard.ts';
import { decodeCursor, encodeCursor } from '../../platform/db/keyset.ts';
import { isCustomerVisible } from '../customers/index.ts';
import { leadsOfCustomer } from '../leads/index.ts';
import { opportunitiesOfCustomer } from '../opportunities/index.ts';
import * as repo from './activities.repository.ts';
import { toActivityDtos } from './activities.dto.ts';

/**
 * The customer 360 sales timeline (CUS-4, LEAD-3): the customer's activities, its leads and its opportunities — and
 * the activities logged on those leads and opportunities — newest first, as typed entries. Leads and opportunities
 * appear for callers who may view them. Keyset pages over (time, id) across all three kinds.
 */

/** An ISO instant at microsecond precision, so keys of every kind compare as equal-length strings. */
const micro = (iso: string) => iso.replace(/(\.\d{3})Z$/, '$1000Z').replace(/:(\d{2})Z$/, ':$1.000000Z');

/** A candidate entry: its sort key (time at microseconds, id) and how it reads once the page is known. */
interface Keyed {
  key: string;
  id: string;
  build: (activities: Map<string, SalesActivityDto>) => SalesTimelineEntryDto;
}

const isBefore = (a: { key: string; id: string }, cursor: [string, string] | null) =>
  !cursor || a.key < cursor[0] || (a.key === cursor[0] && a.id < cursor[1]);

export async function customerSalesTimeline(ctx: Ctx, customerId: string, q: { limit: number; cursor?: string }) {
  if (!can(ctx, 'customers:view')) throw missingPermission('customers:view');
  if (!(await isCustomerVisible(ctx, customerId))) throw notFound('customer');
  const [leads, opportunities] = await Promise.all([
    can(ctx, 'leads:view') ? leadsOfCustomer(ctx, customerId) : [],
    can(ctx, 'opportunities:view') ? opportunitiesOfCustomer(ctx, customerId) : [],
  ]);
  const cursor = decodeCursor(q.cursor);
  const where = repo.subjectsWhere(ctx.tenantId, [
    { type: 'customer', ids: [customerId] },
    { type: 'lead', ids: leads.map((l) => l.id) },
    { type: 'opportunity', ids: opportunities.map((o) => o.id) },
  ]);
  // One more activity than a page: with the leads and opportunities, that tells whether another page follows.
  const activities = await repo.timelineBefore(ctx, where, q.limit + 1, cursor);
  const candidates: Keyed[] = [
    ...activities.map((a) => ({
      key: a.sortKey,
      id: a.id,
      build: (dtos: Map<string, SalesActivityDto>) => ({ type: 'activity' as const, id: a.id, at: a.occurredAt.toISOString(), activity: dtos.get(a.id)! }),
    })),
    ...leads.map((l) => ({
      key: micro(l.createdAt),
      id: l.id,
      build: () => ({ type: 'lead' as const, id: l.id, at: l.createdAt, lead: { id: l.id, name: l.name, status: l.status, storeId: l.storeId, assigneeId: l.assigneeId } }),
    })),
    ...opportunities.map((o) => ({
      key: micro(o.createdAt),
      id: o.id,
      build: () => ({
        type: 'opportunity' as const,
        id: o.id,
        at: o.createdAt,
        opportunity: {
          id: o.id, name: o.name, stageKey: o.stageKey, status: o.status, amountFen: o.amountFen, expectedCloseDate: o.expectedCloseDate, storeId: o.storeId, ownerId: o.ownerId,
        },
      }),
    })),
  ]
    .filter((c) => isBefore(c, cursor))
    .sort((a, b) => (a.key === b.key ? (a.id < b.id ? 1 : -1) : a.key < b.key ? 1 : -1));
  const page = candidates.slice(0, q.limit);
  const shown = new Set(page.map((c) => c.id));
  const dtos = new Map((await toActivityDtos(ctx, ctx.db, activities.filter((a) => shown.has(a.id)))).map((d) => [d.id, d]));
  const last = page[page.length - 1];
  return { items: page.map((c) => c.build(dtos)), nextCursor: candidates.length > q.limit && last ? encodeCursor(last.key, last.id) : null };
}
