import type { FormInstance } from 'antd';
import type { FieldIssue } from '@jiake/shared';
import i18n from 'i18next';
import { type ApiError, isApiError } from './client';

type NamePath = (string | number)[];

/** Minutes to wait after a lockout, from `params.retryAfter` or the Retry-After header. */
function waitMinutes(err: ApiError): number | null {
  const secs = Number(err.params.retryAfter ?? err.retryAfter);
  return Number.isFinite(secs) && secs > 0 ? Math.max(1, Math.ceil(secs / 60)) : null;
}

/** One field issue in the user's language: "body.phones.0 invalid_phone" → "手机号格式不正确". */
export function issueText(issue: FieldIssue): string {
  return i18n.t(`common:issue.${issue.code}`, { defaultValue: issue.message });
}

/** Any error (API or not) as one sentence in the user's language. */
export function errorText(err: unknown): string {
  if (!isApiError(err)) return i18n.t('common:error.unknown');
  if (err.code === 'too_many_attempts') {
    const minutes = waitMinutes(err);
    return minutes ? i18n.t('common:error.too_many_attempts_wait', { minutes }) : i18n.t('common:error.too_many_attempts');
  }
  const base = i18n.t(`common:error.${err.code}`, { defaultValue: i18n.t('common:error.unknown') });
  if ((err.code === 'validation_failed' || err.code === 'forbidden_field') && err.issues.length) {
    return `${base}${i18n.t('common:colon')}${err.issues.slice(0, 3).map(issueText).join(i18n.t('common:listSeparator'))}`;
  }
  return base;
}

/** "body.phones.0" → ['phones', 0]; only body paths map onto form fields. */
export function issuePathToName(path: string): NamePath | null {
  const [where, ...rest] = path.split('.');
  if (where !== 'body' || !rest.length) return null;
  return rest.map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

export interface ApplyOptions {
  /** Rewrite an API path (without "body.") onto the form's own field name, or null to leave it unmatched. */
  mapName?: (name: NamePath) => NamePath | null;
  /** Top-level form field names; an issue whose field is not among them is reported in the message instead. */
  fields?: string[];
}

/**
 * Put 422 issues onto the form fields they name, with the message in the user's language.
 * Returns the issues that no field took.
 */
export function applyIssuesToForm(form: FormInstance, err: unknown, opts: ApplyOptions = {}): FieldIssue[] {
  if (!isApiError(err) || !err.issues.length) return [];
  const unmatched: FieldIssue[] = [];
  const byName = new Map<string, { name: NamePath; errors: string[] }>();
  for (const issue of err.issues) {
    const raw = issuePathToName(issue.path);
    const name = raw && (opts.mapName ? opts.mapName(raw) : raw);
    if (!name || (opts.fields && !opts.fields.includes(String(name[0])))) {
      unmatched.push(issue);
      continue;
    }
    const key = name.join('.');
    const entry = byName.get(key) ?? { name, errors: [] };
    entry.errors.push(issueText(issue));
    byName.set(key, entry);
  }
  form.setFields([...byName.values()]);
  if (byName.size) {
    const first = [...byName.values()][0];
    form.scrollToField(first.name, { block: 'center' });
  }
  return unmatched;
}
