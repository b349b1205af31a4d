import type { FollowupAnchor } from '@jiake/shared';

/**
 * Due times of follow-up steps. Business days are calendar days in Asia/Shanghai: a step "paid +1 d at 10:00" is due
 * at 10:00 Shanghai time on the day after the local date of the payment, whatever the server's own time zone.
 */
export const BUSINESS_TZ = 'Asia/Shanghai';
/** A step without a time of day is due by the end of its day. */
const END_OF_DAY = '23:59:59';

const dateFmt = new Intl.DateTimeFormat('en-CA', { timeZone: BUSINESS_TZ, year: 'numeric', month: '2-digit', day: '2-digit' });
const offsetFmt = new Intl.DateTimeFormat('en-US', { timeZone: BUSINESS_TZ, timeZoneName: 'longOffset' });

/** The calendar date 'YYYY-MM-DD' of an instant in the business time zone. */
export function localDate(at: Date): string {
  return dateFmt.format(at);
}

/** 'YYYY-MM-DD' plus n days (calendar arithmetic, no time zone involved). */
export function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** The zone's UTC offset in minutes at an instant ("GMT+08:00" → 480). */
function offsetMinutes(at: Date): number {
  const name = offsetFmt.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0)) : 0;
}

/** The instant of a wall-clock time ('HH:MM' or 'HH:MM:SS') on a date in the business time zone. */
export function atLocal(date: string, time: string): Date {
  const wall = Date.parse(`${date}T${time.length === 5 ? `${time}:00` : time}Z`);
  // The offset at the wall time read as UTC is right except within hours of a change (Shanghai has none since 1991).
  const guess = new Date(wall - offsetMinutes(new Date(wall)) * 60_000);
  return new Date(wall - offsetMinutes(guess) * 60_000);
}

/** Start of the business day containing `at`, and of the day `days` later. */
export function dayStart(at: Date, days = 0): Date {
  return atLocal(addDays(localDate(at), days), '00:00');
}

/** Due time of a step on a date: at its time of day, or by the end of the day. */
export function dueOn(date: string, timeOfDay: string | null): { dueAt: Date; allDay: boolean } {
  return { dueAt: atLocal(date, timeOfDay ?? END_OF_DAY), allDay: timeOfDay === null };
}

/** What the order's anchors are known to be. */
export interface Anchors {
  paidAt: Date | null;
  deliveryDate: string | null;
  deliveredAt: Date | null;
}

/** The anchor's calendar date, or null while it is unknown. */
export function anchorDate(anchor: FollowupAnchor, a: Anchors): string | null {
  if (anchor === 'paid') return a.paidAt ? localDate(a.paidAt) : null;
  if (anchor === 'deliveryDate') return a.deliveryDate;
  return a.deliveredAt ? localDate(a.deliveredAt) : null;
}

/** Due time of a step from its anchor, offset and time of day; null while the anchor is unknown. */
export function dueFor(step: { anchor: FollowupAnchor; offsetDays: number; timeOfDay: string | null }, a: Anchors) {
  const date = anchorDate(step.anchor, a);
  return date ? dueOn(addDays(date, step.offsetDays), step.timeOfDay) : { dueAt: null, allDay: step.timeOfDay === null };
}

/** Values of the message placeholders. Unknown values become empty ("待定" for a delivery date not yet agreed). */
export interface MessageValues {
  customerName: string | null;
  orderNo: string;
  deliveryDate: string | null;
  storeName: string | null;
}

/** Fill the placeholders of a message template. */
export function renderMessage(template: string | null, v: MessageValues): string | null {
  if (!template) return null;
  const values: Record<string, string> = {
    '{客户姓名}': v.customerName ?? '',
    '{订单号}': v.orderNo,
    '{送货日期}': v.deliveryDate ? formatChineseDate(v.deliveryDate) : '待定',
    '{门店}': v.storeName ?? '',
  };
  return template.replace(/\{[^{}]*\}/g, (m) => values[m] ?? m);
}

/** '2026-12-05' → '2026年12月5日'. */
export function formatChineseDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
