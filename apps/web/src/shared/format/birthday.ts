import i18n from 'i18next';
import type { BirthdayValue } from '@jiake/shared';

const LUNAR_DAYS = [
  '初一',
  '初二',
  '初三',
  '初四',
  '初五',
  '初六',
  '初七',
  '初八',
  '初九',
  '初十',
  '十一',
  '十二',
  '十三',
  '十四',
  '十五',
  '十六',
  '十七',
  '十八',
  '十九',
  '二十',
  '廿一',
  '廿二',
  '廿三',
  '廿四',
  '廿五',
  '廿六',
  '廿七',
  '廿八',
  '廿九',
  '三十',
];
const LUNAR_MONTHS = ['正', '二', '三', '四', '五', '六', '七', '八', '九', '十', '冬', '腊'];

/** 正月 … 腊月 (zh-CN) or "Month 1" … (en-US). */
export function lunarMonthName(m: number): string {
  return i18n.t('common:lunar.month', { name: LUNAR_MONTHS[m - 1] ?? m, n: m });
}

/** 初一 … 三十 (zh-CN) or "Day 1" … (en-US). */
export function lunarDayName(d: number): string {
  return i18n.t('common:lunar.day', { name: LUNAR_DAYS[d - 1] ?? d, n: d });
}

/** Days in a solar month; February has 29 when the year is unknown (a birthday may be 02-29). */
export function solarDaysInMonth(month: number, year?: number | null): number {
  if (month === 2) return !year || (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export const isBirthday = (v: unknown): v is BirthdayValue => !!v && typeof v === 'object' && 'calendar' in v && 'month' in v && 'day' in v;

/** 公历 1990-05-08 / 农历 闰四月初八 (zh-CN); Solar 1990-05-08 / Lunar leap 4/8 (en-US). */
export function formatBirthday(b: unknown): string {
  if (!isBirthday(b)) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  if (b.calendar === 'solar') {
    const md = `${pad(b.month)}-${pad(b.day)}`;
    return `${i18n.t('common:enum.calendar.solar')} ${b.year ? `${b.year}-${md}` : md}`;
  }
  const year = b.year ? i18n.t('common:lunar.year', { year: b.year }) : '';
  const leap = b.leapMonth ? i18n.t('common:lunar.leap') : '';
  const parts = [year, `${leap}${lunarMonthName(b.month)}`, lunarDayName(b.day)].filter(Boolean);
  return `${i18n.t('common:enum.calendar.lunar')} ${parts.join(i18n.t('common:lunar.sep'))}`;
}
