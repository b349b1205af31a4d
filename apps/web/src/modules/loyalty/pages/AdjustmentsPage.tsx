import { Card, Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../shared/components/PageHeader';
import { useUrlFilters } from '../../../shared/hooks/useUrlFilters';
import { AdjustmentTable } from '../components/AdjustmentTable';

/** 积分调整审批: the pending manual adjustments of the caller's stores (or all of them, to look back at decisions). */
export default function AdjustmentsPage() {
  const { t } = useTranslation('loyalty');
  const { filters, update } = useUrlFilters<{ view?: string }>(['view']);
  const all = filters.view === 'all';
  return (
    <>
      <PageHeader
        title={t('approval.title')}
        extra={
          <Segmented
            value={all ? 'all' : 'pending'}
            onChange={(v) => update({ view: v === 'all' ? 'all' : undefined })}
            options={[
              { value: 'pending', label: t('approval.pendingOnly') },
              { value: 'all', label: t('approval.all') },
            ]}
            data-testid="adjustment-view"
          />
        }
      />
      <Card>
        <AdjustmentTable status={all ? undefined : 'pending'} emptyText={t('approval.empty')} />
      </Card>
    </>
  );
}
