import { useState } from 'react';
import { Button, Dropdown, Space } from 'antd';
import { CheckOutlined, HistoryOutlined, MoreOutlined } from '@ant-design/icons';
import type { FollowupStepDto } from '@jiake/shared';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../shared/auth/access';
import type { StepAction } from '../api/steps';
import { StepActionModal } from './StepActionModal';
import { StepHistoryDrawer } from './StepHistoryDrawer';

/** 完成 and a menu of 跳过 / 改期 / 转交 for a pending step; 重新打开 for a closed one; 记录 always. */
export function StepActions({ step }: { step: FollowupStepDto }) {
  const { t } = useTranslation('followups');
  const canEdit = useCan('followups:edit');
  const [action, setAction] = useState<StepAction | null>(null);
  const [history, setHistory] = useState(false);
  const pending = step.status === 'pending';
  const more: StepAction[] = pending ? ['skip', 'reschedule', 'reassign'] : ['reopen'];
  return (
    <Space size={4} wrap data-testid="followup-actions">
      {canEdit && pending ? (
        <Button size="small" type="primary" icon={<CheckOutlined />} onClick={() => setAction('complete')} data-testid="followup-complete">
          {t('action.complete')}
        </Button>
      ) : null}
      {canEdit ? (
        <Dropdown
          trigger={['click']}
          menu={{
            items: more.map((a) => ({ key: a, label: <span data-testid={`followup-${a}`}>{t(`action.${a}`)}</span> })),
            onClick: ({ key }) => setAction(key as StepAction),
          }}
        >
          <Button size="small" icon={<MoreOutlined />} data-testid="followup-more">
            {pending ? t('action.more') : t('action.reopen')}
          </Button>
        </Dropdown>
      ) : null}
      <Button size="small" type="link" icon={<HistoryOutlined />} onClick={() => setHistory(true)} data-testid="followup-history-button">
        {t('action.history')}
      </Button>
      <StepActionModal step={step} action={action} onClose={() => setAction(null)} />
      <StepHistoryDrawer step={step} open={history} onClose={() => setHistory(false)} />
    </Space>
  );
}
