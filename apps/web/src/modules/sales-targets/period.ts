import dayjs, { type Dayjs } from 'dayjs';
import { PERIOD_PATTERN, periodKindOf, type TargetPeriodKind } from '@jiake/shared';

/** Periods of targets: 'YYYY-MM', 'YYYY-Qn', 'YYYY' ↔ the date pickers' values. */

export const isPeriod = (v: string | undefined): v is string => !!v && PERIOD_PATTERN.test(v);

/** The period of a kind containing a day (today by default, in the browser's calendar). */
export function periodOf(kind: TargetPeriodKind, d: Dayjs = dayjs()): string {
  if (kind === 'year') return String(d.year());
  if (kind === 'quarter') return `${d.year()}-Q${Math.floor(d.month() / 3) + 1}`;
  return d.format('YYYY-MM');
}

/** The first day of a period, for the picker. */
export function periodStart(period: string): Dayjs {
  const m = PERIOD_PATTERN.exec(period)!;
  const month = m[2] ? Number(m[2]) : m[3] ? Number(m[3]) * 3 - 2 : 1;
  return dayjs(new Date(Number(m[1]), month - 1, 1));
}

export const kindOf = periodKindOf;
