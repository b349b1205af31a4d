import { and, desc, eq, inArray } from 'drizzle-orm';
import { OPEN_REQUEST_STATUSES, type RequestStatus, type RequestType } from '@jiake/shared';
import type { DbOrTx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { scopedWhere } from '../../platform/db/scoped.ts';
import * as repo from './requests.repository.ts';
import { serviceRequests } from './requests.tables.ts';
import { firstResponseBreached, resolutionBreached } from './requests.dto.ts';

/** A request as a list of a customer's requests shows it (customer card, caller lookup). */
export interface CustomerRequestSummary {
  id: string;
  number: string;
  type: RequestType;
  status: RequestStatus;
  priority: string;
  subject: string;
  storeId: string | null;
  storeName: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  breached: boolean;
  createdAt: string;
  updatedAt: string;
}

/** The requests of a customer that the caller may see, newest first (at most 50); `open` keeps the unfinished ones. */
export async function requestsOfCustomer(ctx: Ctx, customerId: string, opts: { open?: boolean } = {}): Promise<CustomerRequestSummary[]> {
  const ids = await ctx.db
    .select({ id: serviceRequests.id })
    .from(serviceRequests)
    .where(
      scopedWhere(
        ctx,
        repo.requestFence,
        eq(serviceRequests.customerId, customerId),
        opts.open ? inArray(serviceRequests.status, [...OPEN_REQUEST_STATUSES]) : undefined,
      ),
    )
    .orderBy(desc(serviceRequests.createdAt), desc(serviceRequests.id))
    .limit(50);
  const rows = await repo.findInTenant(ctx.db, ctx.tenantId, ids.map((r) => r.id));
  const now = ctx.now();
  return rows
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1))
    .map((r) => ({
      id: r.id, number: r.number, type: r.type as RequestType, status: r.status as RequestStatus, priority: r.priority, subject: r.subject,
      storeId: r.storeId, storeName: r.storeName, assigneeId: r.assigneeId, assigneeName: r.assigneeName,
      breached: firstResponseBreached(r, now) || resolutionBreached(r, now),
      createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString(),
    }));
}

/** What a customer may see of their own request: no internal notes, no staff names, no SLA internals. */
export interface CustomerRequestProgress {
  id: string;
  number: string;
  type: RequestType;
  status: RequestStatus;
  subject: string;
  createdAt: string;
  updatedAt: string;
  resolvedAt: string | null;
  closedAt: string | null;
  resolution: string | null;
  satisfaction: number | null;
  /** A resolved request waits for the customer's confirmation and score. */
  canConfirm: boolean;
  messages: { at: string; from: 'staff' | 'customer'; kind: 'created' | 'reply' | 'status' | 'confirmation'; body: string | null; status: RequestStatus | null }[];
}

const KIND: Record<string, CustomerRequestProgress['messages'][number]['kind'] | undefined> = {
  created: 'created', reply: 'reply', customer_reply: 'reply', status_change: 'status', confirmation: 'confirmation',
};

/** A customer's requests with their public timeline (self-service progress page), newest first, at most 50. */
export async function requestProgressForCustomer(db: DbOrTx, tenantId: string, customerId: string): Promise<CustomerRequestProgress[]> {
  const rows = await db
    .select()
    .from(serviceRequests)
    .where(and(eq(serviceRequests.tenantId, tenantId), eq(serviceRequests.customerId, customerId)))
    .orderBy(desc(serviceRequests.createdAt), desc(serviceRequests.id))
    .limit(50);
  const activities = await repo.activitiesOf(db, tenantId, rows.map((r) => r.id), true);
  return rows.map((r) => ({
    id: r.id, number: r.number, type: r.type as RequestType, status: r.status as RequestStatus, subject: r.subject,
    createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString(), resolvedAt: r.resolvedAt?.toISOString() ?? null,
    closedAt: r.closedAt?.toISOString() ?? null, resolution: r.resolution, satisfaction: r.satisfaction, canConfirm: r.status === 'resolved',
    messages: activities
      .filter((a) => a.requestId === r.id && KIND[a.kind])
      .map((a) => ({
        at: a.createdAt.toISOString(),
        from: a.actorKind === 'customer' ? ('customer' as const) : ('staff' as const),
        kind: KIND[a.kind]!,
        body: a.body,
        status: (a.toStatus as RequestStatus | null) ?? null,
      })),
  }));
}
