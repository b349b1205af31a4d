import { Flex, Select, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../shared/auth/access';
import { StoreSelect } from '../../org';
import { UserSelect } from '../../users';
import type { StepFilters } from '../api/steps';
import { useFollowupTemplates } from '../api/templates';

/** 只看我的, store, owner and step filters of the work list. */
export function FollowupFilterBar({ filters, update }: { filters: StepFilters; update: (p: Partial<StepFilters>) => void }) {
  const { t } = useTranslation('followups');
  const canStores = useCan('org:view');
  const canUsers = useCan('users:view');
  const templates = useFollowupTemplates();
  return (
    <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }} data-testid="followup-filters">
      <Flex gap={6} align="center">
        <Switch size="small" checked={filters.mine === 'true'} onChange={(on) => update({ mine: on ? 'true' : undefined })} data-testid="followup-mine" />
        <Typography.Text>{t('worklist.mine')}</Typography.Text>
      </Flex>
      <Select
        allowClear
        placeholder={t('worklist.allSteps')}
        value={filters.stepKey}
        onChange={(v) => update({ stepKey: v })}
        options={(templates.data?.items ?? []).map((s) => ({ value: s.key, label: s.name }))}
        style={{ width: 160 }}
        data-testid="followup-step-filter"
      />
      {canStores ? (
        <StoreSelect value={filters.storeId} onChange={(v) => update({ storeId: v })} placeholder={t('worklist.allStores')} style={{ width: 200 }} />
      ) : null}
      {canUsers && filters.mine !== 'true' ? (
        <UserSelect value={filters.ownerId ?? null} onChange={(v) => update({ ownerId: v ?? undefined })} placeholder={t('worklist.anyOwner')} style={{ width: 200 }} />
      ) : null}
    </Flex>
  );
}
