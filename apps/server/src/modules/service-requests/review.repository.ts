import { and, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { OPEN_REQUEST_STATUSES } from '@jiake/shared';
import type { Ctx } from '../../platform/http/context.ts';
import { scopedWhere } from '../../platform/db/scoped.ts';
import { orgUnits } from '../../platform/tenancy/tenancy.tables.ts';
import { firstResponseBreachedSql, requestFence, resolutionBreachedSql } from './requests.repository.ts';
import { serviceRequests } from './requests.tables.ts';

export interface ReviewFilter {
  /** Start of the previous period, start and end (exclusive) of the current one. */
  prevFrom: Date;
  curFrom: Date;
  curTo: Date;
  storeId?: string;
  regionId?: string;
  type?: string;
}

/** Numbers per group; `g` is GROUPING(type, status, channel, day): 15 period total, 7 by type, 11 by status, 13 by channel, 14 by day. */
export type AggregateRow = {
  period: 'c' | 'p';
  g: number;
  type: string | null;
  status: string | null;
  channel: string | null;
  day: string | null;
  total: number;
  open: number;
  resolved: number;
  closed: number;
  cancelled: number;
  fr_avg: number | null;
  fr_p90: number | null;
  res_avg: number | null;
  res_p90: number | null;
  fr_sla: number;
  fr_breached: number;
  res_sla: number;
  res_breached: number;
  sat_avg: number | null;
  sat_count: number;
  escalated: number;
  any_breached: number;
};

/** Numbers per cause; `g` is GROUPING(store_id, type, product_id): 7 overall, 3 by store, 5 by type, 6 by product. */
export type CauseRow = {
  g: number;
  cause: string;
  store_id: string | null;
  store_name: string | null;
  type: string | null;
  product_id: string | null;
  cur: number;
  prev: number;
};

function where(ctx: Ctx, f: ReviewFilter): SQL {
  const region = f.regionId
    ? sql`${serviceRequests.storeId} IN (SELECT u.id FROM org_units u WHERE u.tenant_id = ${ctx.tenantId}
           AND u.path LIKE (SELECT r.path FROM org_units r WHERE r.tenant_id = ${ctx.tenantId} AND r.id = ${f.regionId}) || '%')`
    : undefined;
  return scopedWhere(
    ctx,
    requestFence,
    gte(serviceRequests.createdAt, f.prevFrom),
    lt(serviceRequests.createdAt, f.curTo),
    f.storeId ? eq(serviceRequests.storeId, f.storeId) : undefined,
    region,
    f.type ? eq(serviceRequests.type, f.type) : undefined,
  );
}

const period = (f: ReviewFilter) => sql`CASE WHEN ${serviceRequests.createdAt} >= ${f.curFrom}::timestamptz THEN 'c' ELSE 'p' END`;
const openList = sql.join(OPEN_REQUEST_STATUSES.map((s) => sql`${s}`), sql`, `);

/**
 * Counts, response and resolution times (average and 90th percentile, business minutes), SLA breaches, satisfaction
 * and escalations, for both periods at once and by type, status, channel and day: one statement with grouping sets.
 */
export async function reviewAggregates(ctx: Ctx, f: ReviewFilter, now: Date): Promise<AggregateRow[]> {
  const res = await ctx.db.execute<AggregateRow>(sql`
    WITH base AS (
      SELECT ${period(f)} AS period, type, status, channel,
             to_char(created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day,
             first_response_minutes, resolution_minutes, satisfaction,
             first_response_due_at IS NOT NULL AS fr_sla,
             ${firstResponseBreachedSql(now)} AS fr_breached,
             (resolution_due_at IS NOT NULL AND status <> 'cancelled') AS res_sla,
             (status <> 'cancelled' AND ${resolutionBreachedSql(now)}) AS res_breached,
             (first_response_escalation > 0 OR resolution_escalation > 0) AS escalated
        FROM service_requests
       WHERE ${where(ctx, f)}
    )
    SELECT period, GROUPING(type, status, channel, day)::int AS g, type, status, channel, day,
           count(*)::int AS total,
           count(*) FILTER (WHERE status IN (${openList}))::int AS open,
           count(*) FILTER (WHERE status = 'resolved')::int AS resolved,
           count(*) FILTER (WHERE status = 'closed')::int AS closed,
           count(*) FILTER (WHERE status = 'cancelled')::int AS cancelled,
           avg(first_response_minutes)::float8 AS fr_avg,
           percentile_cont(0.9) WITHIN GROUP (ORDER BY first_response_minutes)::float8 AS fr_p90,
           avg(resolution_minutes)::float8 AS res_avg,
           percentile_cont(0.9) WITHIN GROUP (ORDER BY resolution_minutes)::float8 AS res_p90,
           count(*) FILTER (WHERE fr_sla)::int AS fr_sla,
           count(*) FILTER (WHERE fr_breached)::int AS fr_breached,
           count(*) FILTER (WHERE res_sla)::int AS res_sla,
           count(*) FILTER (WHERE res_breached)::int AS res_breached,
           avg(satisfaction)::float8 AS sat_avg,
           count(satisfaction)::int AS sat_count,
           count(*) FILTER (WHERE escalated)::int AS escalated,
           count(*) FILTER (WHERE fr_breached OR res_breached)::int AS any_breached
      FROM base
     GROUP BY GROUPING SETS ((period), (period, type), (period, status), (period, channel), (period, day))`);
  return res.rows;
}

/** Top causes overall and by store, type and product, with both periods' counts: one statement with grouping sets. */
export async function reviewCauses(ctx: Ctx, f: ReviewFilter, top = 10): Promise<CauseRow[]> {
  const res = await ctx.db.execute<CauseRow>(sql`
    WITH base AS (
      SELECT ${period(f)} AS period, btrim(cause) AS cause, store_id, type, product_id
        FROM service_requests
       WHERE ${where(ctx, f)} AND cause IS NOT NULL AND btrim(cause) <> ''
    ), agg AS (
      SELECT GROUPING(store_id, type, product_id)::int AS g, cause, store_id, type, product_id,
             count(*) FILTER (WHERE period = 'c')::int AS cur,
             count(*) FILTER (WHERE period = 'p')::int AS prev
        FROM base
       GROUP BY GROUPING SETS ((cause), (cause, store_id), (cause, type), (cause, product_id))
    ), ranked AS (
      SELECT agg.*, row_number() OVER (PARTITION BY g ORDER BY cur DESC, prev DESC, cause, store_id, type, product_id) AS rn
        FROM agg
       WHERE cur > 0 AND (g <> 6 OR product_id IS NOT NULL)
    )
    SELECT ranked.g, ranked.cause, ranked.store_id, ${orgUnits.name} AS store_name, ranked.type, ranked.product_id, ranked.cur, ranked.prev
      FROM ranked LEFT JOIN ${orgUnits} ON ${orgUnits.id} = ranked.store_id AND ${orgUnits.tenantId} = ${ctx.tenantId}
     WHERE rn <= ${top}
     ORDER BY g, rn`);
  return res.rows;
}

/** Whether a unit exists in the tenant (the review's store and region filters). */
export async function unitExists(ctx: Ctx, id: string): Promise<boolean> {
  const rows = await ctx.db.select({ id: orgUnits.id }).from(orgUnits).where(and(eq(orgUnits.tenantId, ctx.tenantId), eq(orgUnits.id, id)));
  return rows.length > 0;
}
