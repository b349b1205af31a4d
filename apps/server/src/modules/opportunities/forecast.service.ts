import type { z } from 'zod';
import type { ForecastDto, ForecastQuery } from '@jiake/shared';
import type { Ctx } from '../../platform/http/context.ts';
import { invalid, issue } from '../../platform/http/errors.ts';
import { scopedWhere } from '../../platform/db/scoped.ts';
import * as repo from './opportunities.repository.ts';
import * as pipeline from './pipeline.repository.ts';
import { groupFilters, unitFilterIssues } from './funnel.service.ts';
import { addBuckets, bucketEnd, bucketsBetween, bucketStart, endOfDay, shanghaiDate, startOfDay } from './periods.ts';

const MAX_BUCKETS = 36;
type Cell = ForecastDto['total'];

const emptyCell = (bucket: string): Cell => ({ bucket, openCount: 0, openFen: 0, weightedFen: 0, wonCount: 0, wonFen: 0, forecastFen: 0 });
function add(into: Cell, r: { open_n: number; open_fen: string; weighted: string; won_n: number; won_fen: string }) {
  into.openCount += r.open_n;
  into.openFen += Number(r.open_fen);
  into.weightedFen += Number(r.weighted);
  into.wonCount += r.won_n;
  into.wonFen += Number(r.won_fen);
  into.forecastFen = into.wonFen + into.weightedFen;
}

/**
 * The weighted forecast (LEAD-5) by month or quarter and by owner, store or region, inside the caller's scope: per
 * bucket the open amount expected to close in it × probability, plus what was won in it; open opportunities without
 * an expected close date are reported apart. One statement.
 */
export async function forecast(ctx: Ctx, q: z.infer<typeof ForecastQuery>): Promise<ForecastDto> {
  const today = shanghaiDate(ctx.now());
  const from = bucketStart(q.from ?? today, q.period);
  const to = bucketEnd(q.to ?? addBuckets(from, q.period, q.period === 'month' ? 5 : 3), q.period);
  const issues = await unitFilterIssues(ctx, q);
  if (q.from && q.to && q.from > q.to) issues.push(issue('query.to', 'before_from', 'the end is before the start'));
  const buckets = bucketsBetween(from, to, q.period);
  if (buckets.length > MAX_BUCKETS) issues.push(issue('query.to', 'too_long', `at most ${MAX_BUCKETS} months or quarters`));
  if (issues.length) throw invalid(issues);

  const where = scopedWhere(ctx, repo.opportunityFence, ...groupFilters(ctx, q));
  const rows = await pipeline.forecastCells(ctx, where, { from, to, fromAt: startOfDay(from), toAt: endOfDay(to), period: q.period, groupBy: q.groupBy });
  const keys = [...new Set(rows.map((r) => r.gk))];
  const names = await pipeline.namesOf(ctx, q.groupBy === 'owner' ? 'user' : 'unit', keys.filter((k): k is string => !!k));

  const undated = { count: 0, openFen: 0, weightedFen: 0 };
  const totals = new Map(buckets.map((b) => [b, emptyCell(b)]));
  const total = emptyCell('total');
  const groups = new Map<string | null, { cells: Map<string, Cell>; total: Cell }>();
  for (const r of rows) {
    if (r.bucket === null) {
      undated.count += r.open_n;
      undated.openFen += Number(r.open_fen);
      undated.weightedFen += Number(r.weighted);
      continue;
    }
    let g = groups.get(r.gk);
    if (!g) groups.set(r.gk, (g = { cells: new Map(buckets.map((b) => [b, emptyCell(b)])), total: emptyCell('total') }));
    add(g.cells.get(r.bucket)!, r);
    add(g.total, r);
    add(totals.get(r.bucket)!, r);
    add(total, r);
  }
  return {
    period: q.period,
    groupBy: q.groupBy,
    from,
    to,
    buckets,
    groups: [...groups]
      .map(([id, g]) => ({ id, name: id ? (names.get(id) ?? null) : null, cells: [...g.cells.values()], total: g.total }))
      .sort((a, b) => b.total.forecastFen - a.total.forecastFen || (a.name ?? '').localeCompare(b.name ?? '')),
    totals: [...totals.values()],
    total,
    undated,
  };
}
