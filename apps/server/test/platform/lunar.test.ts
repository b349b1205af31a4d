import { describe, expect, it } from 'vitest';
import { LunarMonth, LunarYear } from 'lunar-typescript';
import { lunarLeapMonth, lunarMonthDays } from '../../src/platform/lunar.ts';

describe('lunar calendar facts (remembered per year)', () => {
  it('knows the leap months of known years: 闰二月 2023, 闰六月 2025, none in 2024', () => {
    expect([lunarLeapMonth(2023), lunarLeapMonth(2024), lunarLeapMonth(2025)]).toEqual([2, 0, 6]);
    // Asked again: the same answer from memory.
    expect(lunarLeapMonth(2025)).toBe(6);
  });

  it('answers the days of every month, leap months included, as lunar-typescript computes them, and null for a leap month a year lacks', () => {
    for (const year of [1949, 1990, 2020, 2023, 2025, 2033]) {
      const leap = LunarYear.fromYear(year).getLeapMonth();
      for (let month = 1; month <= 12; month++) {
        expect(lunarMonthDays(year, month, false)).toBe(LunarMonth.fromYm(year, month)!.getDayCount());
        expect(lunarMonthDays(year, month, true)).toBe(month === leap ? LunarMonth.fromYm(year, -month)!.getDayCount() : null);
      }
    }
    expect([29, 30]).toContain(lunarMonthDays(2025, 6, true));
  });
});
