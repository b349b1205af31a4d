/** Shanghai calendar dates (YYYY-MM-DD) and the instants and buckets of report periods. China keeps UTC+8 all year. */

const OFFSET_MS = 8 * 3_600_000;

/** The Shanghai calendar date of an instant. */
export const shanghaiDate = (at: Date) => new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
/** The instant a Shanghai date begins. */
export const startOfDay = (date: string) => new Date(`${date}T00:00:00+08:00`);
/** The instant after a Shanghai date ends (the next day's start): ranges are [startOfDay(from), endOfDay(to)). */
export const endOfDay = (date: string) => new Date(startOfDay(date).getTime() + 86_400_000);

const parts = (date: string) => date.split('-').map(Number) as [number, number, number];
const fmt = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);

/** First day of the month (quarter) of a date. */
export function bucketStart(date: string, period: 'month' | 'quarter'): string {
  const [y, m] = parts(date);
  return fmt(y, period === 'month' ? m : Math.floor((m - 1) / 3) * 3 + 1, 1);
}
/** Last day of the month (quarter) of a date. */
export function bucketEnd(date: string, period: 'month' | 'quarter'): string {
  const [y, m] = parts(bucketStart(date, period));
  return fmt(y, m + (period === 'month' ? 1 : 3), 0);
}
/** The date `n` months (or quarters) after a bucket's first day. */
export function addBuckets(date: string, period: 'month' | 'quarter', n: number): string {
  const [y, m] = parts(bucketStart(date, period));
  return fmt(y, m + n * (period === 'month' ? 1 : 3), 1);
}
/** A bucket's label as the database writes it: 2026-11, or 2026-Q4. */
export function bucketLabel(date: string, period: 'month' | 'quarter'): string {
  const [y, m] = parts(date);
  return period === 'month' ? date.slice(0, 7) : `${y}-Q${Math.floor((m - 1) / 3) + 1}`;
}
/** Labels of every bucket from `from`'s to `to`'s. */
export function bucketsBetween(from: string, to: string, period: 'month' | 'quarter'): string[] {
  const out: string[] = [];
  for (let d = bucketStart(from, period); d <= to; d = addBuckets(d, period, 1)) out.push(bucketLabel(d, period));
  return out;
}
