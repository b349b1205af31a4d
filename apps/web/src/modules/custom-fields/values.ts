import dayjs, { type Dayjs } from 'dayjs';
import { DATE_FORMAT } from '../../shared/format/date';
import type { CustomFieldDef } from './api';

/** API value → form value (dates become dayjs for the DatePicker). */
export function customValueToForm(def: CustomFieldDef, v: unknown): unknown {
  if (v === null || v === undefined) return undefined;
  if (def.type === 'date' && typeof v === 'string') return dayjs(v);
  return v;
}

/** Form value → API value (dayjs → "YYYY-MM-DD", empty → null). */
export function customValueFromForm(def: CustomFieldDef, v: unknown): unknown {
  if (v === undefined || v === null || v === '') return null;
  if (def.type === 'date') return dayjs.isDayjs(v) ? (v as Dayjs).format(DATE_FORMAT) : v;
  if (def.type === 'multiselect' && Array.isArray(v) && !v.length) return null;
  return v;
}

/** A stored value as text: multiselect values joined with 、. */
export function customValueText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.join('、');
  return String(v);
}
