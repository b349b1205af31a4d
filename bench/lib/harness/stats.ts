/** Latency and throughput of one measured phase. */
export interface Sample {
  /** Successful executions measured. */
  count: number;
  errors: number;
  firstError?: string;
  elapsedMs: number;
  p50: number;
  p99: number;
  /** Successful executions per second over the phase. */
  rps: number;
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (!sorted.length) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export function median(xs: number[]): number {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return Number.NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function summarise(latencies: number[], elapsedMs: number, errors: number, firstError?: string): Sample {
  const sorted = Float64Array.from(latencies).sort();
  return {
    count: latencies.length,
    errors,
    firstError,
    elapsedMs,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    rps: latencies.length / (elapsedMs / 1000),
  };
}

/** How a phase is bounded: it stops at `maxCount`, or after `maxMs` once `minCount` are done (never after `hardMs`). */
export interface Bounds {
  concurrency: number;
  maxCount: number;
  maxMs: number;
  minCount?: number;
  hardMs?: number;
}

export function stopper(b: Bounds) {
  const t0 = performance.now();
  const soft = t0 + b.maxMs;
  const hard = t0 + (b.hardMs ?? Math.max(b.maxMs * 4, 30_000));
  const min = b.minCount ?? 0;
  let issued = 0;
  return {
    t0,
    /** Whether another execution may start, given how many have finished. */
    next(finished: number): boolean {
      if (issued >= b.maxCount) return false;
      const now = performance.now();
      if (now >= hard || (now >= soft && finished >= min)) return false;
      issued++;
      return true;
    },
  };
}
