import { Solar } from 'lunar-typescript';
import { lunarLeapMonth } from '../../platform/lunar.ts';
import type { BirthdayValue } from '@jiake/shared';
import { shanghaiYmd } from './program.ts';

/**
 * Whether an instant falls in a birthday's month, on the Shanghai calendar day it happens.
 * Solar birthdays: the same Gregorian month. Lunar birthdays (农历): the lunar month that contains that day has the
 * birthday's month number — an ordinary month for a birthday in an ordinary month (the leap month after it is not the
 * birthday month); for a birthday in a leap month (闰月), that leap month in a year that has it, else the ordinary month
 * of the same number (how such birthdays are kept in the years without the leap month).
 */
export function inBirthdayMonth(birthday: BirthdayValue, at: Date): boolean {
  const { y, m, d } = shanghaiYmd(at);
  if (birthday.calendar === 'solar') return m === birthday.month;
  const lunar = Solar.fromYmd(y, m, d).getLunar();
  const month = lunar.getMonth(); // negative: a leap month
  if (Math.abs(month) !== birthday.month) return false;
  const leap = month < 0;
  if (!birthday.leapMonth) return !leap;
  return leap || lunarLeapMonth(lunar.getYear()) !== birthday.month;
}
