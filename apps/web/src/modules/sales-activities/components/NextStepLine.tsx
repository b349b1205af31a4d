import { Flex, Tag, Typography } from 'antd';
import { CheckCircleOutlined, FlagOutlined } from '@ant-design/icons';
import type { NextStepDto } from '@jiake/shared';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../shared/format/date';
import { NextStepActions } from './NextStepActions';

/** 下一步: what to do and by when (red once overdue), done by whom; 完成 / 改期 for those who may act on it. */
export function NextStepLine({ activityId, step, editable }: { activityId: string; step: NextStepDto; editable: boolean }) {
  const { t } = useTranslation('activities');
  const done = !!step.doneAt;
  return (
    <Flex gap={8} wrap align="center" data-testid="activity-next-step" data-done={done ? 'true' : 'false'}>
      {done ? <CheckCircleOutlined style={{ color: '#52c41a' }} /> : <FlagOutlined style={{ color: step.overdue ? '#ff4d4f' : '#1677ff' }} />}
      <Typography.Text strong>{t('timeline.nextStep')}</Typography.Text>
      <Typography.Text delete={done}>{step.text}</Typography.Text>
      <Typography.Text type={step.overdue ? 'danger' : 'secondary'}>{t('timeline.due', { time: formatDateTime(step.dueAt) })}</Typography.Text>
      {step.overdue ? <Tag color="red">{t('timeline.overdue')}</Tag> : null}
      {done ? (
        <Typography.Text type="secondary">
          {t('timeline.doneAt', { name: step.doneByName ?? '', time: formatDateTime(step.doneAt) })}
          {step.doneNote ? ` · ${t('timeline.doneNote', { note: step.doneNote })}` : ''}
        </Typography.Text>
      ) : editable ? (
        <NextStepActions activityId={activityId} step={step} />
      ) : null}
    </Flex>
  );
}
