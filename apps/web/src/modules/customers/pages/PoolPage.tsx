import { useMemo, useState } from 'react';
import { Alert, App, Button, Card } from 'antd';
import type { TableColumnType } from 'antd';
import { SettingOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../shared/auth/access';
import { ColumnChooser } from '../../../shared/components/ColumnChooser';
import { PageHeader } from '../../../shared/components/PageHeader';
import { useStoredState } from '../../../shared/hooks/useStoredState';
import { useClaimCustomer } from '../api/pool';
import { CustomerFilterBar } from '../list/CustomerFilterBar';
import { CustomerTable } from '../list/CustomerTable';
import { useCustomerColumns } from '../list/useCustomerColumns';
import { useListParams } from '../list/useListParams';
import { PoolSettingsModal } from '../pool/PoolSettingsModal';
import type { Customer } from '../types';

const POOL_COLUMNS = ['name', 'code', 'phones', 'tags', 'store', 'source', 'lastContactAt', 'createdAt'];
const POOL = { pool: 'true' as const };

export default function PoolPage() {
  const { t } = useTranslation('customers');
  const { message } = App.useApp();
  const canAdmin = useCan('org:admin');
  const { filters, limit, update, clear } = useListParams(POOL);
  const columns = useCustomerColumns();
  const [visibleKeys, setVisibleKeys] = useStoredState<string[]>('jk.pool.columns', POOL_COLUMNS);
  const claim = useClaimCustomer();
  const [claiming, setClaiming] = useState<string | null>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);

  const actionColumn = useMemo<TableColumnType<Customer>>(
    () => ({
      key: 'claim',
      title: t('common:action.more'),
      fixed: 'right',
      render: (_, c) => (
        <Button
          type="primary"
          size="small"
          loading={claim.isPending && claiming === c.id}
          onClick={() => {
            setClaiming(c.id);
            claim.mutate(c.id, { onSuccess: () => message.success(t('pool.claimed')) });
          }}
          data-testid={`claim-${c.id}`}
        >
          {t('pool.claim')}
        </Button>
      ),
    }),
    [t, claim, claiming, message],
  );

  return (
    <>
      <PageHeader
        title={t('pool.title')}
        extra={
          <>
            <ColumnChooser
              columns={columns.map((c) => ({ key: c.key, label: c.label }))}
              value={visibleKeys}
              onChange={setVisibleKeys}
              defaultValue={POOL_COLUMNS}
            />
            {canAdmin ? (
              <Button icon={<SettingOutlined />} onClick={() => setSettingsOpen(true)} data-testid="pool-settings">
                {t('pool.settings')}
              </Button>
            ) : null}
          </>
        }
      />
      <Alert type="info" showIcon title={t('pool.intro')} style={{ marginBottom: 16 }} />
      <Card>
        <CustomerFilterBar filters={filters} update={update} clear={clear} showOwner={false} />
        <CustomerTable
          filters={filters}
          limit={limit}
          update={update}
          columns={columns}
          visibleKeys={visibleKeys.filter((k) => k !== 'ownerName')}
          actionColumn={actionColumn}
          emptyText={t('pool.empty')}
        />
      </Card>
      <PoolSettingsModal open={settingsOpen} onClose={() => setSettingsOpen(false)} />
    </>
  );
}
