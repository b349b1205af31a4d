import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';

/**
 * The funnel and forecast statements (LEAD-5): each figure set is one statement over the opportunities the caller
 * may see (`where` carries tenant, scope and filters), never a loop over rows. Weighted amounts are rounded per
 * opportunity (amount × probability, to the fen), so every sum equals the sum of the cards it is made of.
 */

const WEIGHTED = sql`round(amount_fen::numeric * probability / 100)`;

export type FunnelStageRow = {
  key: string;
  n: number;
  amount: string;
  avg_days: number | null;
  visited: boolean;
};

/**
 * Per stage: how many opportunities of the population reached it and their amount, and the average days spent in it.
 * Reaching an open stage = having been in it or in a later open stage (by position), or being won; won and lost
 * count the opportunities that are won / lost now. Days in a stage come from the stage history: each entry lasts until
 * the next one, an open opportunity's current stage until `now`; an opportunity in a stage twice adds both stays.
 */
export async function funnelStages(ctx: Ctx, where: SQL, now: Date): Promise<FunnelStageRow[]> {
  const res = await ctx.db.execute<FunnelStageRow>(sql`
    WITH pop AS (
      SELECT id, amount_fen, status FROM opportunities WHERE ${where}
    ), hist AS (
      SELECT h.opportunity_id, h.to_stage_key, h.at,
             lead(h.at) OVER (PARTITION BY h.opportunity_id ORDER BY h.at, h.seq) AS next_at
        FROM opportunity_stage_history h JOIN pop ON pop.id = h.opportunity_id
       WHERE h.tenant_id = ${ctx.tenantId}
    ), reach AS (
      SELECT pop.id, pop.amount_fen, pop.status, max(s.position) FILTER (WHERE s.kind = 'open') AS max_pos
        FROM pop
        LEFT JOIN hist ON hist.opportunity_id = pop.id
        LEFT JOIN opportunity_stages s ON s.tenant_id = ${ctx.tenantId} AND s.key = hist.to_stage_key
       GROUP BY pop.id, pop.amount_fen, pop.status
    ), dwell AS (
      SELECT to_stage_key AS key, opportunity_id,
             sum(extract(epoch FROM (coalesce(next_at, ${now.toISOString()}::timestamptz) - at))) AS secs
        FROM hist GROUP BY to_stage_key, opportunity_id
    ), reached AS (
      SELECT s.key, r.amount_fen
        FROM opportunity_stages s JOIN reach r
          ON CASE s.kind WHEN 'open' THEN r.status = 'won' OR r.max_pos >= s.position
                         WHEN 'won' THEN r.status = 'won'
                         ELSE r.status = 'lost' END
       WHERE s.tenant_id = ${ctx.tenantId}
    )
    SELECT s.key,
           (SELECT count(*) FROM reached x WHERE x.key = s.key)::int AS n,
           (SELECT coalesce(sum(x.amount_fen), 0) FROM reached x WHERE x.key = s.key)::text AS amount,
           (SELECT avg(d.secs) / 86400 FROM dwell d WHERE d.key = s.key)::float8 AS avg_days,
           EXISTS (SELECT 1 FROM dwell d WHERE d.key = s.key) AS visited
      FROM opportunity_stages s
     WHERE s.tenant_id = ${ctx.tenantId}`);
  return res.rows;
}

export type TotalsRow = {
  g: number;
  owner_id: string | null;
  store_id: string | null;
  owner_name: string | null;
  store_name: string | null;
  n: number;
  amount: string;
  open_n: number;
  open_fen: string;
  weighted: string;
  won_n: number;
  won_fen: string;
  lost_n: number;
  lost_fen: string;
  stalled_n: number;
};

/** Totals of the population, and the same per owner and per store (GROUPING(owner_id, store_id): 3 all, 1 owner, 2 store). */
export async function funnelTotals(ctx: Ctx, where: SQL, stalledBefore: Date): Promise<TotalsRow[]> {
  const res = await ctx.db.execute<TotalsRow>(sql`
    WITH pop AS (
      SELECT amount_fen, probability, status, owner_id, store_id, last_activity_at FROM opportunities WHERE ${where}
    ), agg AS (
      SELECT GROUPING(owner_id, store_id)::int AS g, owner_id, store_id,
             count(*)::int AS n,
             coalesce(sum(amount_fen), 0)::text AS amount,
             count(*) FILTER (WHERE status = 'open')::int AS open_n,
             coalesce(sum(amount_fen) FILTER (WHERE status = 'open'), 0)::text AS open_fen,
             coalesce(sum(${WEIGHTED}) FILTER (WHERE status = 'open'), 0)::text AS weighted,
             count(*) FILTER (WHERE status = 'won')::int AS won_n,
             coalesce(sum(amount_fen) FILTER (WHERE status = 'won'), 0)::text AS won_fen,
             count(*) FILTER (WHERE status = 'lost')::int AS lost_n,
             coalesce(sum(amount_fen) FILTER (WHERE status = 'lost'), 0)::text AS lost_fen,
             count(*) FILTER (WHERE status = 'open' AND last_activity_at <= ${stalledBefore.toISOString()}::timestamptz)::int AS stalled_n
        FROM pop
       GROUP BY GROUPING SETS ((), (owner_id), (store_id))
    )
    SELECT agg.*, u.display_name AS owner_name, ou.name AS store_name
      FROM agg
      LEFT JOIN users u ON agg.g = 1 AND u.id = agg.owner_id
      LEFT JOIN org_units ou ON agg.g = 2 AND ou.id = agg.store_id
     ORDER BY agg.g, agg.won_fen::bigint DESC, agg.amount::bigint DESC, coalesce(u.display_name, ou.name)`);
  return res.rows;
}

/** Lost opportunities of the population per loss reason, most frequent first. */
export async function lossReasonCounts(ctx: Ctx, where: SQL) {
  const res = await ctx.db.execute<{ code: string | null; label: string | null; n: number; amount: string }>(sql`
    SELECT opportunities.loss_reason AS code, r.label, count(*)::int AS n, coalesce(sum(opportunities.amount_fen), 0)::text AS amount
      FROM opportunities
      LEFT JOIN opportunity_loss_reasons r ON r.tenant_id = opportunities.tenant_id AND r.code = opportunities.loss_reason
     WHERE ${where} AND opportunities.status = 'lost'
     GROUP BY opportunities.loss_reason, r.label
     ORDER BY n DESC, code`);
  return res.rows.map((r) => ({ code: r.code, label: r.label, count: r.n, amountFen: Number(r.amount) }));
}

export type ForecastRow = {
  gk: string | null;
  bucket: string | null;
  open_n: number;
  open_fen: string;
  weighted: string;
  won_n: number;
  won_fen: string;
};

/**
 * The weighted forecast per group and bucket: open opportunities by the month (quarter) of their expected close, with
 * amount × probability; won ones by the month (quarter) they were won in (Shanghai). Open ones without a date come
 * back with a null bucket. Region = the store's nearest ancestor of kind region.
 */
export async function forecastCells(
  ctx: Ctx,
  where: SQL,
  f: { from: string; to: string; fromAt: Date; toAt: Date; period: 'month' | 'quarter'; groupBy: 'owner' | 'store' | 'region' },
): Promise<ForecastRow[]> {
  const unit = f.period === 'month' ? sql.raw(`'month'`) : sql.raw(`'quarter'`);
  const fmt = f.period === 'month' ? sql.raw(`'YYYY-MM'`) : sql.raw(`'YYYY-"Q"Q'`);
  const group =
    f.groupBy === 'owner'
      ? sql`o.owner_id::text`
      : f.groupBy === 'store'
        ? sql`o.store_id::text`
        : sql`(SELECT r.id::text FROM org_units s JOIN org_units r ON r.tenant_id = s.tenant_id AND r.kind = 'region' AND s.path LIKE r.path || '%'
                WHERE s.tenant_id = ${ctx.tenantId} AND s.id = o.store_id ORDER BY length(r.path) DESC LIMIT 1)`;
  const res = await ctx.db.execute<ForecastRow>(sql`
    WITH o AS (
      SELECT amount_fen, probability, status, owner_id, store_id,
             CASE WHEN status = 'open' THEN expected_close_date ELSE (won_at AT TIME ZONE 'Asia/Shanghai')::date END AS d
        FROM opportunities
       WHERE ${where}
         AND ((status = 'open' AND (expected_close_date IS NULL OR expected_close_date BETWEEN ${f.from}::date AND ${f.to}::date))
           OR (status = 'won' AND won_at >= ${f.fromAt.toISOString()}::timestamptz AND won_at < ${f.toAt.toISOString()}::timestamptz))
    ), g AS (
      SELECT o.*, ${group} AS gk FROM o
    )
    SELECT gk, CASE WHEN d IS NULL THEN NULL ELSE to_char(date_trunc(${unit}, d::timestamp), ${fmt}) END AS bucket,
           count(*) FILTER (WHERE status = 'open')::int AS open_n,
           coalesce(sum(amount_fen) FILTER (WHERE status = 'open'), 0)::text AS open_fen,
           coalesce(sum(${WEIGHTED}) FILTER (WHERE status = 'open'), 0)::text AS weighted,
           count(*) FILTER (WHERE status = 'won')::int AS won_n,
           coalesce(sum(amount_fen) FILTER (WHERE status = 'won'), 0)::text AS won_fen
      FROM g
     GROUP BY gk, bucket`);
  return res.rows;
}

/** Display names of users or units by id. */
export async function namesOf(ctx: Ctx, kind: 'user' | 'unit', ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const list = sql`ARRAY[${sql.join(ids.map((i) => sql`${i}`), sql`, `)}]::uuid[]`;
  const res =
    kind === 'user'
      ? await ctx.db.execute<{ id: string; name: string }>(sql`SELECT id, display_name AS name FROM users WHERE tenant_id = ${ctx.tenantId} AND id = ANY (${list})`)
      : await ctx.db.execute<{ id: string; name: string }>(sql`SELECT id, name FROM org_units WHERE tenant_id = ${ctx.tenantId} AND id = ANY (${list})`);
  return new Map(res.rows.map((r) => [r.id, r.name]));
}

/**
 * Targets' view (STAFF-1), per owner and store over the whole tenant: won in [fromAt, toAt), and open ones expected to
 * close in [from, to] (their amount and weighted amount).
 */
export async function pipelineTotalsRows(db: DbOrTx, tenantId: string, r: { from: string; to: string; fromAt: Date; toAt: Date }) {
  const won = sql`status = 'won' AND won_at >= ${r.fromAt.toISOString()}::timestamptz AND won_at < ${r.toAt.toISOString()}::timestamptz`;
  const open = sql`status = 'open' AND expected_close_date BETWEEN ${r.from}::date AND ${r.to}::date`;
  const res = await db.execute<{ owner_id: string | null; store_id: string | null; won: string; won_count: number; weighted: string; open: string }>(sql`
    SELECT owner_id, store_id,
           coalesce(sum(amount_fen) FILTER (WHERE ${won}), 0)::text AS won,
           (count(*) FILTER (WHERE ${won}))::int AS won_count,
           coalesce(sum(${WEIGHTED}) FILTER (WHERE ${open}), 0)::text AS weighted,
           coalesce(sum(amount_fen) FILTER (WHERE ${open}), 0)::text AS open
      FROM opportunities
     WHERE tenant_id = ${tenantId} AND ((${won}) OR (${open}))
     GROUP BY owner_id, store_id
     ORDER BY owner_id NULLS LAST, store_id NULLS LAST`);
  return res.rows.map((x) => ({ ownerId: x.owner_id, storeId: x.store_id, wonFen: Number(x.won), wonCount: Number(x.won_count), weightedFen: Number(x.weighted), openFen: Number(x.open) }));
}
