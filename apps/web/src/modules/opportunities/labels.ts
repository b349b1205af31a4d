import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../shared/api/errors';
import { isApiError } from '../../shared/api/client';
import { type LossReason, type Stage, useLossReasons, useStages } from './api';

/** Labels of the pipeline in the user's language: statuses, stage names and loss reasons (tenant data), conflicts. */
export function useOpportunityLabels() {
  const { t } = useTranslation('opportunities');
  const stages = useStages();
  const reasons = useLossReasons();
  const stageName = useCallback((key: string | null | undefined) => (key ? (stages.data?.find((s: Stage) => s.key === key)?.name ?? key) : ''), [stages.data]);
  const reasonLabel = useCallback(
    (code: string | null | undefined) => (code ? (reasons.data?.find((r: LossReason) => r.code === code)?.label ?? code) : t('common.noReason')),
    [reasons.data, t],
  );
  const status = useCallback((s: string) => t(`status.${s}`, { defaultValue: s }), [t]);
  /** A 409 with its reason in words; any other error as usual. */
  const problem = useCallback(
    (e: unknown) => {
      const reason = isApiError(e) && e.code === 'conflict' ? String(e.params.reason ?? '') : '';
      return reason ? t(`conflict.${reason}`, { defaultValue: errorText(e) }) : errorText(e);
    },
    [t],
  );
  return { stages: stages.data ?? [], reasons: reasons.data ?? [], stageName, reasonLabel, status, problem };
}

/** A share 0…1 as a percentage with one decimal ("83.3%"); null as a dash. */
export const percent = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${Math.round(v * 1000) / 10}%`);

/** Today in Beijing time (reports use the tenant's business dates wherever the browser is). */
export const shanghaiToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
