import { AppError } from './errors.ts';

/** 429 `rate_limited` with Retry-After (seconds, at least 1) and the same number in `params.retryAfter`. */
export function tooMany(message: string, retryAtMs: number, nowMs: number) {
  const secs = Math.max(1, Math.ceil((retryAtMs - nowMs) / 1000));
  return new AppError('rate_limited', message, { headers: { 'retry-after': String(secs) }, params: { retryAfter: secs } });
}

/** What was counted in one sliding window: how many, and the oldest (it leaves the window first). */
export interface WindowCount {
  n: number;
  first: Date | null;
}

/**
 * Sliding-window limits over counted events (codes sent, forms posted …): the first full window answers 429 with
 * the time its oldest event leaves it. Each caller counts its own rows under its own lock, so the count is exact.
 */
export function enforceWindows(nowMs: number, windows: { limit: number; windowMs: number; count: WindowCount; message: string }[]) {
  for (const w of windows) {
    if (w.count.n >= w.limit) throw tooMany(w.message, (w.count.first?.getTime() ?? nowMs) + w.windowMs, nowMs);
  }
}
