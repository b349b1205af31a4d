/**
 * Business-time arithmetic for SLA clocks (pure functions, no I/O).
 *
 * Times are instants (Date); the calendar is read in Asia/Shanghai, which has kept UTC+8 without daylight saving
 * since 1991, so a fixed offset is exact. A business day is a listed weekday that is not a holiday, or a make-up
 * working day (调休上班, a weekend day worked in exchange for a holiday), which wins over both.
 */

export interface BusinessCalendar {
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  weekdays: number[];
  /** 'HH:MM' local time; close may be '24:00'. Open must be before close. */
  openTime: string;
  closeTime: string;
  /** 'YYYY-MM-DD' local dates that are not worked. */
  holidays: string[];
  /** 'YYYY-MM-DD' local dates that are worked whatever the weekday. */
  extraWorkdays: string[];
}

/** Mon–Sat 09:00–18:00: the usual hours of a furniture store's service desk. */
export const DEFAULT_CALENDAR: BusinessCalendar = { weekdays: [1, 2, 3, 4, 5, 6], openTime: '09:00', closeTime: '18:00', holidays: [], extraWorkdays: [] };

const OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
/** Ten years of days: a calendar with no business day at all must not loop for ever. */
const MAX_DAYS = 3_660;

export function clockMinutes(hhmm: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!m) throw new Error(`not a time: ${hhmm}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** Why a calendar cannot be used, or null. */
export function calendarProblem(cal: BusinessCalendar): string | null {
  if (!cal.weekdays.length && !cal.extraWorkdays.length) return 'no business day';
  if (clockMinutes(cal.openTime) >= clockMinutes(cal.closeTime)) return 'opening time must be before closing time';
  return null;
}

interface Compiled {
  weekdays: Set<number>;
  open: number;
  close: number;
  holidays: Set<string>;
  workdays: Set<string>;
}

const cache = new WeakMap<BusinessCalendar, Compiled>();
function compile(cal: BusinessCalendar): Compiled {
  let c = cache.get(cal);
  if (!c) {
    const problem = calendarProblem(cal);
    if (problem) throw new Error(`unusable business calendar: ${problem}`);
    c = {
      weekdays: new Set(cal.weekdays),
      open: clockMinutes(cal.openTime) * MINUTE_MS,
      close: clockMinutes(cal.closeTime) * MINUTE_MS,
      holidays: new Set(cal.holidays),
      workdays: new Set(cal.extraWorkdays),
    };
    cache.set(cal, c);
  }
  return c;
}

/** Local midnight (as shifted epoch ms) → 'YYYY-MM-DD' and ISO weekday. */
function dayOf(localMidnight: number) {
  const d = new Date(localMidnight);
  const wd = d.getUTCDay();
  return { date: d.toISOString().slice(0, 10), weekday: wd === 0 ? 7 : wd };
}

function isBusinessDay(c: Compiled, localMidnight: number): boolean {
  const { date, weekday } = dayOf(localMidnight);
  if (c.workdays.has(date)) return true;
  return c.weekdays.has(weekday) && !c.holidays.has(date);
}

/** Whether `at` falls within business hours. */
export function isBusinessTime(at: Date, cal: BusinessCalendar): boolean {
  const c = compile(cal);
  const local = at.getTime() + OFFSET_MS;
  const midnight = Math.floor(local / DAY_MS) * DAY_MS;
  return isBusinessDay(c, midnight) && local >= midnight + c.open && local < midnight + c.close;
}

/**
 * The instant `minutes` business minutes after `start`. Time outside business hours does not count: a request made
 * at 17:30 with a 60-minute target is due at 09:30 on the next business day. A target that ends exactly at closing
 * time is due at closing time. Zero minutes outside business hours is the next opening.
 */
export function addBusinessMinutes(start: Date, minutes: number, cal: BusinessCalendar): Date {
  if (!Number.isFinite(minutes) || minutes < 0) throw new Error(`minutes must be a non-negative number: ${minutes}`);
  const c = compile(cal);
  let remaining = Math.round(minutes * MINUTE_MS);
  let t = start.getTime() + OFFSET_MS;
  let midnight = Math.floor(t / DAY_MS) * DAY_MS;
  for (let i = 0; i < MAX_DAYS; i++) {
    if (isBusinessDay(c, midnight)) {
      const from = Math.max(t, midnight + c.open);
      const close = midnight + c.close;
      if (from < close) {
        if (remaining <= close - from) return new Date(from + remaining - OFFSET_MS);
        remaining -= close - from;
      }
    }
    midnight += DAY_MS;
    t = midnight;
  }
  throw new Error('no business time within ten years');
}

/** Business minutes (whole, rounded down) between two instants; 0 when `end` is not after `start`. */
export function businessMinutesBetween(start: Date, end: Date, cal: BusinessCalendar): number {
  const c = compile(cal);
  const a = start.getTime() + OFFSET_MS;
  const b = end.getTime() + OFFSET_MS;
  if (b <= a) return 0;
  let total = 0;
  let midnight = Math.floor(a / DAY_MS) * DAY_MS;
  for (; midnight < b; midnight += DAY_MS) {
    if (!isBusinessDay(c, midnight)) continue;
    const from = Math.max(a, midnight + c.open);
    const to = Math.min(b, midnight + c.close);
    if (to > from) total += to - from;
  }
  return Math.floor(total / MINUTE_MS);
}
