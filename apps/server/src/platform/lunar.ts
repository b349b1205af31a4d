import { LunarMonth, LunarYear } from 'lunar-typescript';

/**
 * Lunar calendar facts that lunar-typescript recomputes from scratch on every call (about 2 ms for a year's months —
 * it walks the solar terms), remembered per year: a customer import checks thousands of lunar birthdays. The
 * calendar only covers a few centuries, so the memory stays small.
 */
const leapMonths = new Map<number, number>();
const monthDays = new Map<string, number | null>();

/** The leap month (闰月) of a lunar year, 0 when it has none. */
export function lunarLeapMonth(year: number): number {
  let m = leapMonths.get(year);
  if (m === undefined) leapMonths.set(year, (m = LunarYear.fromYear(year).getLeapMonth()));
  return m;
}

/** Days (29 or 30) of a lunar month, the leap one when `leap`; null when that year has no such month. */
export function lunarMonthDays(year: number, month: number, leap: boolean): number | null {
  const key = `${year}:${leap ? -month : month}`;
  let days = monthDays.get(key);
  if (days === undefined) monthDays.set(key, (days = LunarMonth.fromYm(year, leap ? -month : month)?.getDayCount() ?? null));
  return days;
}
