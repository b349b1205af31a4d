import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { LEAD_ASSIGNMENT_STRATEGIES, LEAD_HOME_STAGES, LEAD_SOURCES, LEAD_STATUSES, LEAD_STYLES } from '@jiake/shared';

const CODES = { source: LEAD_SOURCES, status: LEAD_STATUSES, homeStage: LEAD_HOME_STAGES, style: LEAD_STYLES, strategy: LEAD_ASSIGNMENT_STRATEGIES } as const;
type EnumName = keyof typeof CODES | 'duplicateKind';

/** Labels of the module's codes (leads:enum.<name>.<code>), and Select options for them. */
export function useLeadLabels() {
  const { t } = useTranslation('leads');
  const label = useCallback((name: EnumName, code: string | null | undefined) => (code ? t(`enum.${name}.${code}`, { defaultValue: code }) : ''), [t]);
  const options = useCallback((name: keyof typeof CODES) => CODES[name].map((code) => ({ value: code, label: label(name, code) })), [label]);
  return { label, options };
}
