/**
 * Business days of the follow-up plan are Asia/Shanghai calendar days, whatever the server's own zone. Shanghai has
 * kept UTC+8 without daylight saving since 1991, so a day starts at 16:00 UTC of the day before.
 */
const OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 24 * 3_600_000;

/** Start of the Shanghai day containing `at`, or of the day `days` later. */
export function dayStart(at: Date, days = 0): Date {
  const local = Math.floor((at.getTime() + OFFSET_MS) / DAY_MS) + days;
  return new Date(local * DAY_MS - OFFSET_MS);
}

/** 'YYYY-MM-DD' of `at` in Shanghai. */
export const shanghaiDate = (at: Date) => new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);

/** "2026-11-22 15:30" in Shanghai (reminder texts). */
export const shanghaiDateTime = (at: Date) => new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');

/** A year ahead: the furthest a next step may be planned. */
export const MAX_PLAN_AHEAD_MS = 366 * DAY_MS;
/** Clock skew tolerated between a phone's clock and the server's for "when it happened". */
export const FUTURE_SKEW_MS = 5 * 60_000;
