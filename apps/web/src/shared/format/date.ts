import dayjs from 'dayjs';

export const DATE_FORMAT = 'YYYY-MM-DD';
export const DATE_TIME_FORMAT = 'YYYY-MM-DD HH:mm';

/** ISO date or timestamp → "2025-03-08"; empty input → "". */
export function formatDate(v: string | null | undefined): string {
  if (!v) return '';
  const d = dayjs(v);
  return d.isValid() ? d.format(DATE_FORMAT) : v;
}

/** ISO timestamp → "2025-03-08 14:05" in the browser's time zone. */
export function formatDateTime(v: string | null | undefined): string {
  if (!v) return '';
  const d = dayjs(v);
  return d.isValid() ? d.format(DATE_TIME_FORMAT) : v;
}
