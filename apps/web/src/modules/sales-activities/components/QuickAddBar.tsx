import { useState } from 'react';
import { Button, Flex, Typography } from 'antd';
import { ACTIVITY_KINDS, type ActivityKind } from '@jiake/shared';
import { useTranslation } from 'react-i18next';
import type { ActivitySubject } from '../api';
import { ActivityFormModal } from '../form/ActivityFormModal';
import { KIND_ICON } from './KindIcon';

/** 记录跟进: one button per kind, each opening the form of that kind for the subject. */
export function QuickAddBar({ subject }: { subject: ActivitySubject }) {
  const { t } = useTranslation('activities');
  const [kind, setKind] = useState<ActivityKind | null>(null);
  return (
    <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }} data-testid="activity-quick-add">
      <Typography.Text type="secondary">{t('quickAdd.title')}</Typography.Text>
      {ACTIVITY_KINDS.map((k) => (
        <Button key={k} icon={KIND_ICON[k]} onClick={() => setKind(k)} data-testid={`activity-add-${k}`}>
          {t(`addKind.${k}`)}
        </Button>
      ))}
      <ActivityFormModal subject={subject} kind={kind} onClose={() => setKind(null)} />
    </Flex>
  );
}
