import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addBusinessMinutes, businessMinutesBetween, calendarProblem, DEFAULT_CALENDAR, isBusinessTime, type BusinessCalendar,
} from '../../src/modules/service-requests/business-time.ts';

/** Shanghai wall time → instant. 2026-11-23 is a Monday. */
const sh = (wall: string) => new Date(`${wall}+08:00`);
const wall = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

const STD = DEFAULT_CALENDAR; // Mon–Sat 09:00–18:00
const WEEKDAYS: BusinessCalendar = { ...STD, weekdays: [1, 2, 3, 4, 5] };
/** National Day week 2026 style: Oct 1–7 off, Sunday Sep 27 and Saturday Oct 10 worked (调休). */
const HOLIDAYS: BusinessCalendar = {
  ...WEEKDAYS,
  holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'],
  extraWorkdays: ['2026-09-27', '2026-10-10'],
};
const LATE: BusinessCalendar = { ...STD, weekdays: [1, 2, 3, 4, 5, 6, 7], openTime: '10:00', closeTime: '24:00' };

describe('addBusinessMinutes', () => {
  const cases: [string, BusinessCalendar, string, number, string][] = [
    ['inside hours, same day', STD, '2026-11-23T10:00', 60, '2026-11-23 11:00'],
    ['before opening starts at opening', STD, '2026-11-23T07:30', 30, '2026-11-23 09:30'],
    ['overnight: 17:30 + 60 min', STD, '2026-11-23T17:30', 60, '2026-11-24 09:30'],
    ['ends exactly at closing time', STD, '2026-11-23T17:00', 60, '2026-11-23 18:00'],
    ['after closing starts next morning', STD, '2026-11-23T20:15', 45, '2026-11-24 09:45'],
    ['a full business day from opening', STD, '2026-11-23T09:00', 540, '2026-11-23 18:00'],
    ['one day and a minute', STD, '2026-11-23T09:00', 541, '2026-11-24 09:01'],
    ['Saturday is worked (Mon–Sat default)', STD, '2026-11-28T17:00', 120, '2026-11-30 10:00'],
    ['Sunday is skipped', STD, '2026-11-29T12:00', 30, '2026-11-30 09:30'],
    ['weekend skipped (Mon–Fri)', WEEKDAYS, '2026-11-27T17:00', 120, '2026-11-30 10:00'],
    ['Friday evening to Monday (Mon–Fri)', WEEKDAYS, '2026-11-27T22:00', 1, '2026-11-30 09:01'],
    ['three business days', WEEKDAYS, '2026-11-26T12:00', 3 * 540, '2026-12-01 12:00'],
    ['holidays skipped', HOLIDAYS, '2026-09-30T17:00', 120, '2026-10-08 10:00'],
    ['make-up Sunday is worked', HOLIDAYS, '2026-09-26T10:00', 60, '2026-09-27 10:00'],
    ['make-up Saturday is worked', HOLIDAYS, '2026-10-09T17:30', 60, '2026-10-10 09:30'],
    ['zero minutes inside hours', STD, '2026-11-23T11:11', 0, '2026-11-23 11:11'],
    ['zero minutes at night: next opening', STD, '2026-11-23T23:00', 0, '2026-11-24 09:00'],
    ['closing at midnight', LATE, '2026-11-23T23:30', 60, '2026-11-24 10:30'],
    ['across a month and a year end', WEEKDAYS, '2026-12-31T17:00', 120, '2027-01-01 10:00'],
  ];
  it.each(cases)('%s', (_name, cal, start, minutes, due) => {
    expect(wall(addBusinessMinutes(sh(start), minutes, cal))).toBe(due);
  });

  it('refuses negative minutes and calendars without business time', () => {
    expect(() => addBusinessMinutes(sh('2026-11-23T10:00'), -1, STD)).toThrow();
    expect(() => addBusinessMinutes(sh('2026-11-23T10:00'), 1, { ...STD, weekdays: [] })).toThrow();
    expect(calendarProblem({ ...STD, openTime: '18:00', closeTime: '09:00' })).toMatch(/before/);
    expect(calendarProblem(STD)).toBeNull();
  });
});

describe('businessMinutesBetween', () => {
  const cases: [string, BusinessCalendar, string, string, number][] = [
    ['same business hour', STD, '2026-11-23T10:00', '2026-11-23T10:45', 45],
    ['overnight counts only hours', STD, '2026-11-23T17:30', '2026-11-24T09:30', 60],
    ['from before opening', STD, '2026-11-23T06:00', '2026-11-23T09:10', 10],
    ['a whole weekend (Mon–Fri)', WEEKDAYS, '2026-11-27T17:00', '2026-11-30T10:00', 120],
    ['a whole week', STD, '2026-11-23T00:00', '2026-11-30T00:00', 6 * 540],
    ['holiday week', HOLIDAYS, '2026-09-30T17:00', '2026-10-08T10:00', 120],
    ['end before start', STD, '2026-11-24T10:00', '2026-11-23T10:00', 0],
    ['seconds are rounded down', STD, '2026-11-23T10:00:00', '2026-11-23T10:00:59', 0],
  ];
  it.each(cases)('%s', (_name, cal, a, b, minutes) => {
    expect(businessMinutesBetween(sh(a), sh(b), cal)).toBe(minutes);
  });

  it('is the inverse of addBusinessMinutes from a business moment (property)', () => {
    const base = sh('2026-01-05T09:00').getTime();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 * 24 * 60 }), fc.integer({ min: 0, max: 20_000 }), fc.boolean(), (offsetMin, minutes, weekdaysOnly) => {
        const cal = weekdaysOnly ? HOLIDAYS : STD;
        const start = new Date(base + offsetMin * 60_000);
        const due = addBusinessMinutes(start, minutes, cal);
        expect(due.getTime()).toBeGreaterThanOrEqual(start.getTime());
        expect(businessMinutesBetween(start, due, cal)).toBe(minutes);
        // The due time is never outside business hours unless it is a closing time.
        if (minutes > 0) expect(isBusinessTime(new Date(due.getTime() - 1), cal)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('isBusinessTime', () => {
  it.each([
    ['2026-11-23T08:59', false],
    ['2026-11-23T09:00', true],
    ['2026-11-23T17:59', true],
    ['2026-11-23T18:00', false],
    ['2026-11-29T12:00', false],
  ])('%s → %s', (at, yes) => expect(isBusinessTime(sh(at), STD)).toBe(yes));
});
