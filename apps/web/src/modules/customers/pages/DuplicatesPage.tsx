import { Alert, Card, Empty, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { KeysetPager } from '../../../shared/components/CursorPager';
import { PageHeader } from '../../../shared/components/PageHeader';
import { useCursorStack } from '../../../shared/hooks/useCursorStack';
import { useStoredState } from '../../../shared/hooks/useStoredState';
import { useDuplicateGroups } from '../api/duplicates';
import { DuplicateGroupCard } from '../duplicates/DuplicateGroupCard';

export default function DuplicatesPage() {
  const { t } = useTranslation('customers');
  const [limit, setLimit] = useStoredState('jk.duplicates.limit', 20);
  const pager = useCursorStack(String(limit));
  const { data, isLoading, isFetching } = useDuplicateGroups({ limit, cursor: pager.cursor });
  const offset = (pager.page - 1) * limit;

  return (
    <>
      <PageHeader title={t('duplicates.title')} />
      <Alert type="info" showIcon title={t('duplicates.intro')} style={{ marginBottom: 16 }} />
      {isLoading ? (
        <Spin />
      ) : data?.items.length ? (
        data.items.map((g, i) => <DuplicateGroupCard key={g.key} group={g} index={offset + i + 1} />)
      ) : (
        <Card>
          <Empty description={t('duplicates.empty')} />
        </Card>
      )}
      <KeysetPager cursors={pager} nextCursor={data?.nextCursor} pageSize={limit} onPageSizeChange={setLimit} sizes={[10, 20, 50]} loading={isFetching} />
    </>
  );
}
