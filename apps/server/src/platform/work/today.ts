/**
 * "Today" of a business in China: calendar days in Asia/Shanghai, which has kept UTC+8 all year since 1991, so the day
 * boundaries are plain arithmetic (no time-zone database needed, whatever the server's own zone).
 */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** The Shanghai midnight that starts the day containing `at`, and the next one (today = [start, end)). */
export function shanghaiDay(at: Date): { start: Date; end: Date } {
  const local = at.getTime() + SHANGHAI_OFFSET_MS;
  const start = local - (((local % DAY_MS) + DAY_MS) % DAY_MS) - SHANGHAI_OFFSET_MS;
  return { start: new Date(start), end: new Date(start + DAY_MS) };
}
