import type { z } from 'zod';
import { REQUEST_CHANNELS, REQUEST_STATUSES, REQUEST_TYPES, type RequestReviewDto, type RequestReviewQuery, type ReviewMetricsDto } from '@jiake/shared';
import type { Ctx } from '../../platform/http/context.ts';
import { invalid, issue } from '../../platform/http/errors.ts';
import { reviewAggregates, reviewCauses, unitExists, type AggregateRow } from './review.repository.ts';

const DAY_MS = 86_400_000;
const MAX_DAYS = 731;

/** Midnight of a Shanghai calendar date as an instant. */
const shanghaiMidnight = (date: string) => new Date(`${date}T00:00:00+08:00`);
const dateOf = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
const round = (v: number | null, digits = 1) => (v === null ? null : Math.round(v * 10 ** digits) / 10 ** digits);
const rate = (n: number, of: number) => (of ? round(n / of, 4) : null);

const EMPTY: AggregateRow = {
  period: 'c', g: 15, type: null, status: null, channel: null, day: null, total: 0, open: 0, resolved: 0, closed: 0, cancelled: 0,
  fr_avg: null, fr_p90: null, res_avg: null, res_p90: null, fr_sla: 0, fr_breached: 0, res_sla: 0, res_breached: 0, sat_avg: null, sat_count: 0, escalated: 0, any_breached: 0,
};

function metrics(r: AggregateRow | undefined): ReviewMetricsDto {
  const x = r ?? EMPTY;
  return {
    total: x.total, open: x.open, resolved: x.resolved, closed: x.closed, cancelled: x.cancelled,
    firstResponseAvg: round(x.fr_avg), firstResponseP90: round(x.fr_p90), resolutionAvg: round(x.res_avg), resolutionP90: round(x.res_p90),
    firstResponseWithSla: x.fr_sla, firstResponseBreaches: x.fr_breached, firstResponseBreachRate: rate(x.fr_breached, x.fr_sla),
    resolutionWithSla: x.res_sla, resolutionBreaches: x.res_breached, resolutionBreachRate: rate(x.res_breached, x.res_sla),
    satisfactionAvg: round(x.sat_avg, 2), satisfactionCount: x.sat_count, escalated: x.escalated,
  };
}

/**
 * The periodic review (SVC-4) for a period of Shanghai calendar dates (both ends included) and the period of equal
 * length just before it. Scope applies: a store manager reviews their store.
 */
export async function requestReview(ctx: Ctx, q: z.infer<typeof RequestReviewQuery>): Promise<RequestReviewDto> {
  const curFrom = shanghaiMidnight(q.from);
  const curTo = new Date(shanghaiMidnight(q.to).getTime() + DAY_MS);
  const days = Math.round((curTo.getTime() - curFrom.getTime()) / DAY_MS);
  const issues = [];
  if (days < 1) issues.push(issue('query.to', 'too_small', 'the period ends before it starts'));
  else if (days > MAX_DAYS) issues.push(issue('query.to', 'too_big', `a period of at most ${MAX_DAYS} days`));
  if (q.storeId && !(await unitExists(ctx, q.storeId))) issues.push(issue('query.storeId', 'not_found', 'store not found'));
  if (q.regionId && !(await unitExists(ctx, q.regionId))) issues.push(issue('query.regionId', 'not_found', 'region not found'));
  if (issues.length) throw invalid(issues);
  const prevFrom = new Date(curFrom.getTime() - days * DAY_MS);
  const f = { prevFrom, curFrom, curTo, storeId: q.storeId, regionId: q.regionId, type: q.type };
  const [rows, causes] = await Promise.all([reviewAggregates(ctx, f, ctx.now()), reviewCauses(ctx, f)]);

  const pick = (g: number, period: 'c' | 'p', key?: (r: AggregateRow) => string | null, value?: string) =>
    rows.find((r) => r.g === g && r.period === period && (!key || key(r) === value));
  const compared = <K extends string>(keys: readonly K[], g: number, key: (r: AggregateRow) => string | null) =>
    keys
      .map((k) => ({ key: k, current: metrics(pick(g, 'c', key, k)), previous: metrics(pick(g, 'p', key, k)) }))
      .filter((x) => x.current.total > 0 || x.previous.total > 0);

  const daily = Array.from({ length: days }, (_, i) => {
    const date = dateOf(new Date(curFrom.getTime() + i * DAY_MS));
    const r = pick(14, 'c', (x) => x.day, date);
    return { date, count: r?.total ?? 0, breaches: r?.any_breached ?? 0 };
  });

  const causeCount = (c: (typeof causes)[number]) => ({ cause: c.cause, current: c.cur, previous: c.prev });
  return {
    period: { from: q.from, to: q.to, days },
    previousPeriod: { from: dateOf(prevFrom), to: dateOf(new Date(curFrom.getTime() - DAY_MS)) },
    current: metrics(pick(15, 'c')),
    previous: metrics(pick(15, 'p')),
    byType: compared(REQUEST_TYPES, 7, (r) => r.type),
    byStatus: compared(REQUEST_STATUSES, 11, (r) => r.status),
    byChannel: compared(REQUEST_CHANNELS, 13, (r) => r.channel),
    daily,
    topCauses: {
      overall: causes.filter((c) => c.g === 7).map(causeCount),
      byStore: causes.filter((c) => c.g === 3).map((c) => ({ ...causeCount(c), storeId: c.store_id, storeName: c.store_name })),
      byType: causes.filter((c) => c.g === 5).map((c) => ({ ...causeCount(c), type: c.type as (typeof REQUEST_TYPES)[number] })),
      byProduct: causes.filter((c) => c.g === 6).map((c) => ({ ...causeCount(c), productId: c.product_id! })),
    },
  };
}
