import { describe, expect, it } from 'vitest';
import { inBirthdayMonth } from '../../src/modules/loyalty/bonus-birthday.ts';

/** The birthday month of the bonus rules (LOY-2): solar months, and lunar months (闰月 included), on Shanghai days. */

const solar = (month: number) => ({ calendar: 'solar' as const, month, day: 15 });
const lunar = (month: number, leapMonth = false) => ({ calendar: 'lunar' as const, month, day: 1, ...(leapMonth ? { leapMonth } : {}) });

describe('birthday month', () => {
  it('counts a solar birthday in its Gregorian month, by the Shanghai calendar day', () => {
    expect(inBirthdayMonth(solar(11), new Date('2026-11-22T07:30:00Z'))).toBe(true);
    expect(inBirthdayMonth(solar(10), new Date('2026-11-22T07:30:00Z'))).toBe(false);
    // 31 October 16:00 UTC is already 1 November in Shanghai.
    expect(inBirthdayMonth(solar(11), new Date('2026-10-31T16:00:00Z'))).toBe(true);
    expect(inBirthdayMonth(solar(11), new Date('2026-10-31T15:59:59Z'))).toBe(false);
  });

  it('counts a lunar birthday in the lunar month that contains the payment day', () => {
    // The tenth lunar month of 2026 runs from 9 November to 8 December (Shanghai days).
    expect(inBirthdayMonth(lunar(10), new Date('2026-11-08T16:00:00Z'))).toBe(true);
    expect(inBirthdayMonth(lunar(10), new Date('2026-11-08T15:59:59Z'))).toBe(false);
    expect(inBirthdayMonth(lunar(9), new Date('2026-11-08T15:59:59Z'))).toBe(true);
    expect(inBirthdayMonth(lunar(10), new Date('2026-12-08T15:59:59Z'))).toBe(true);
    expect(inBirthdayMonth(lunar(11), new Date('2026-12-08T16:00:00Z'))).toBe(true);
    // A lunar birthday never reads as its solar month number.
    expect(inBirthdayMonth(lunar(11), new Date('2026-11-22T07:30:00Z'))).toBe(false);
  });

  it('keeps an ordinary-month birthday out of the leap month after it, and a leap-month birthday in the leap month', () => {
    // 2025 has a leap sixth month (25 July – 22 August) after the ordinary one (25 June – 24 July).
    const ordinarySixth = new Date('2025-07-01T04:00:00Z');
    const leapSixth = new Date('2025-08-01T04:00:00Z');
    expect(inBirthdayMonth(lunar(6), ordinarySixth)).toBe(true);
    expect(inBirthdayMonth(lunar(6), leapSixth)).toBe(false);
    expect(inBirthdayMonth(lunar(6, true), leapSixth)).toBe(true);
    expect(inBirthdayMonth(lunar(6, true), ordinarySixth)).toBe(false);
  });

  it('keeps a leap-month birthday in the ordinary month of that number in a year without the leap month', () => {
    // 2026 has no leap month; its sixth month runs from 14 July to 12 August.
    expect(inBirthdayMonth(lunar(6, true), new Date('2026-07-20T04:00:00Z'))).toBe(true);
    expect(inBirthdayMonth(lunar(6, true), new Date('2026-08-20T04:00:00Z'))).toBe(false);
  });
});
