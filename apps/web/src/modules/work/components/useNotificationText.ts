import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { NotificationDto } from '@jiake/shared';

/** The sentence of a notification in the user's language, from its kind and params (`work:kinds.<kind>`). */
export function useNotificationText() {
  const { t } = useTranslation('work');
  return useCallback((n: Pick<NotificationDto, 'kind' | 'params'>) => t(`kinds.${n.kind}`, { ...n.params, defaultValue: t('kinds.unknown') }), [t]);
}
