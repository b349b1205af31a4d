import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { REQUEST_CHANNELS, REQUEST_PRIORITIES, REQUEST_STATUSES, REQUEST_TYPES, ROUTING_STRATEGIES } from '@jiake/shared';

type EnumName = 'type' | 'channel' | 'priority' | 'status' | 'strategy' | 'breach' | 'activity' | 'weekday';
const CODES = { type: REQUEST_TYPES, channel: REQUEST_CHANNELS, priority: REQUEST_PRIORITIES, status: REQUEST_STATUSES, strategy: ROUTING_STRATEGIES } as const;

/** Labels of the module's codes (requests:enum.<name>.<code>), and Select options for them. */
export function useRequestLabels() {
  const { t } = useTranslation('requests');
  const label = useCallback((name: EnumName, code: string | number | null | undefined) => (code === null || code === undefined ? '' : t(`enum.${name}.${code}`, { defaultValue: String(code) })), [t]);
  const options = useCallback((name: keyof typeof CODES) => CODES[name].map((code) => ({ value: code, label: label(name, code) })), [label]);
  return { label, options };
}
