import type { FollowupStepDto } from '@jiake/shared';

/**
 * Follow-up times are business times in Asia/Shanghai, whatever the browser's zone: a step due "that day" is due by
 * the end of the Shanghai day, and shows as that date everywhere.
 */
const TZ = 'Asia/Shanghai';
const dateFmt = new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' });
const timeFmt = new Intl.DateTimeFormat('en-GB', { timeZone: TZ, hour: '2-digit', minute: '2-digit', hour12: false });

/** 'YYYY-MM-DD' of an instant in Shanghai. */
export const shanghaiDate = (iso: string | Date) => dateFmt.format(new Date(iso));
/** 'HH:mm' of an instant in Shanghai. */
export const shanghaiTime = (iso: string | Date) => timeFmt.format(new Date(iso));

/** "2026-11-22" for a step due any time that day, "2026-11-22 10:00" otherwise; '' while unscheduled. */
export function formatDue(step: Pick<FollowupStepDto, 'dueAt' | 'allDay'>): string {
  if (!step.dueAt) return '';
  return step.allDay ? shanghaiDate(step.dueAt) : `${shanghaiDate(step.dueAt)} ${shanghaiTime(step.dueAt)}`;
}

/** An instant as "2026-11-22 15:30" in Shanghai. */
export const formatShanghai = (iso: string | null | undefined) => (iso ? `${shanghaiDate(iso)} ${shanghaiTime(iso)}` : '');
