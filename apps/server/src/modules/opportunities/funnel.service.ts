import { eq, gte, lt, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { FieldIssue, FunnelDto, FunnelQuery } from '@jiake/shared';
import type { Ctx } from '../../platform/http/context.ts';
import { invalid, issue } from '../../platform/http/errors.ts';
import { scopedWhere } from '../../platform/db/scoped.ts';
import * as repo from './opportunities.repository.ts';
import * as pipeline from './pipeline.repository.ts';
import { opportunities } from './opportunities.tables.ts';
import { loadSettings, loadStages } from './stages.repository.ts';
import { toOpportunityDto } from './opportunities.dto.ts';
import { customerNames } from './customer-link.ts';
import { endOfDay, shanghaiDate, startOfDay } from './periods.ts';

const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 10_000) / 10_000 : null);
const round2 = (n: number | null) => (n === null ? null : Math.round(n * 100) / 100);

/** Store and region filters must name units of the tenant (422 otherwise), whatever the caller's scope. */
export async function unitFilterIssues(ctx: Ctx, q: { storeId?: string; regionId?: string }): Promise<FieldIssue[]> {
  const out: FieldIssue[] = [];
  for (const k of ['storeId', 'regionId'] as const) {
    const id = q[k];
    if (id && !(await repo.unitById(ctx.db, ctx.tenantId, id))) out.push(issue(`query.${k}`, 'not_found', 'unit not found'));
  }
  return out;
}

/** Owner, store and region filters inside the caller's scope. */
export const groupFilters = (ctx: Ctx, q: { ownerId?: string; storeId?: string; regionId?: string }): (SQL | undefined)[] => [
  q.ownerId ? eq(opportunities.ownerId, q.ownerId) : undefined,
  q.storeId ? eq(opportunities.storeId, q.storeId) : undefined,
  q.regionId ? repo.inSubtree(ctx.tenantId, q.regionId) : undefined,
];

function totals(r: pipeline.TotalsRow | undefined) {
  const won = r?.won_n ?? 0;
  const lost = r?.lost_n ?? 0;
  return {
    count: r?.n ?? 0,
    amountFen: Number(r?.amount ?? 0),
    openCount: r?.open_n ?? 0,
    openFen: Number(r?.open_fen ?? 0),
    weightedFen: Number(r?.weighted ?? 0),
    wonCount: won,
    wonFen: Number(r?.won_fen ?? 0),
    lostCount: lost,
    lostFen: Number(r?.lost_fen ?? 0),
    winRate: ratio(won, won + lost),
    stalledCount: r?.stalled_n ?? 0,
  };
}

/**
 * The funnel (LEAD-5) of the opportunities created in [from, to] (Shanghai dates) that the caller may see, narrowed
 * by owner, store or region: per stage how many reached it and their amount, stage-to-stage conversion, average days
 * in each stage; totals with win rate (won / closed) and stalled count; loss reasons; the stalled ones (open, no
 * activity for N days); the same totals per owner and per store. Five statements, whatever the number of rows.
 */
export async function funnel(ctx: Ctx, q: z.infer<typeof FunnelQuery>): Promise<FunnelDto> {
  const now = ctx.now();
  const today = shanghaiDate(now);
  const from = q.from ?? `${today.slice(0, 8)}01`;
  const to = q.to ?? today;
  const issues = await unitFilterIssues(ctx, q);
  if (from > to) issues.push(issue('query.to', 'before_from', 'the end is before the start'));
  if (issues.length) throw invalid(issues);
  const settings = await loadSettings(ctx.db, ctx.tenantId, now);
  const stalledDays = q.stalledDays ?? settings.stalledDays;
  const stalledBefore = new Date(now.getTime() - stalledDays * 86_400_000);
  const where = scopedWhere(ctx, repo.opportunityFence, gte(opportunities.createdAt, startOfDay(from)), lt(opportunities.createdAt, endOfDay(to)), ...groupFilters(ctx, q));

  const [stages, stageRows, totalRows, lossReasons, stalledRows] = await Promise.all([
    loadStages(ctx.db, ctx.tenantId, now),
    pipeline.funnelStages(ctx, where, now),
    pipeline.funnelTotals(ctx, where, stalledBefore),
    pipeline.lossReasonCounts(ctx, where),
    repo.stalledRows(ctx, where, stalledBefore, 50),
  ]);
  const byKey = new Map(stageRows.map((r) => [r.key, r]));
  const shown = stages.filter((s) => s.kind !== 'open' || s.enabled || byKey.get(s.key)?.visited);
  const open = shown.filter((s) => s.kind === 'open');
  const won = shown.find((s) => s.kind === 'won');
  const count = (key: string | undefined) => (key ? (byKey.get(key)?.n ?? 0) : 0);
  const first = count(open[0]?.key);
  const names = await customerNames(ctx, stalledRows.map((r) => r.customerId));

  return {
    from,
    to,
    stalledDays,
    stages: shown.map((s) => {
      const row = byKey.get(s.key);
      const next = s.kind === 'open' ? (open[open.indexOf(s) + 1] ?? won) : undefined;
      return {
        key: s.key,
        name: s.name,
        kind: s.kind,
        enabled: s.enabled,
        probability: s.probability,
        count: row?.n ?? 0,
        amountFen: Number(row?.amount ?? 0),
        conversionToNext: next ? ratio(count(next.key), row?.n ?? 0) : null,
        conversionFromFirst: s.kind === 'lost' ? null : ratio(row?.n ?? 0, first),
        avgDays: s.kind === 'open' ? round2(row?.avg_days ?? null) : null,
      };
    }),
    totals: totals(totalRows.find((r) => r.g === 3)),
    lossReasons,
    stalled: stalledRows.map((r) => toOpportunityDto(r, names.get(r.customerId) ?? null, now)),
    byOwner: totalRows.filter((r) => r.g === 1).map((r) => ({ id: r.owner_id, name: r.owner_name, ...totals(r) })),
    byStore: totalRows.filter((r) => r.g === 2).map((r) => ({ id: r.store_id, name: r.store_name, ...totals(r) })),
  };
}
