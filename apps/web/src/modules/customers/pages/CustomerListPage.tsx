import { useState } from 'react';
import { Button, Card, Flex, Space, Typography } from 'antd';
import { PlusOutlined, SwapOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useCan } from '../../../shared/auth/access';
import { ColumnChooser } from '../../../shared/components/ColumnChooser';
import { PageHeader } from '../../../shared/components/PageHeader';
import { useKeyedState } from '../../../shared/hooks/useKeyedState';
import { useStoredState } from '../../../shared/hooks/useStoredState';
import { CustomerFormDrawer } from '../form/CustomerFormDrawer';
import { BulkTransferModal } from '../list/BulkTransferModal';
import { CustomerFilterBar } from '../list/CustomerFilterBar';
import { CustomerTable } from '../list/CustomerTable';
import { ExportMenu } from '../list/ExportMenu';
import { DEFAULT_COLUMNS, useCustomerColumns } from '../list/useCustomerColumns';
import { useListParams } from '../list/useListParams';

export default function CustomerListPage() {
  const { t } = useTranslation('customers');
  const navigate = useNavigate();
  const canCreate = useCan('customers:create');
  const canTransfer = useCan('customers:transfer');
  const canExport = useCan('customers:export');
  const { filters, limit, update, clear } = useListParams();
  const columns = useCustomerColumns();
  const [visibleKeys, setVisibleKeys] = useStoredState<string[]>('jk.customers.columns', DEFAULT_COLUMNS);
  const filterKey = JSON.stringify(filters);
  const [selected, setSelected] = useKeyedState<string[]>([], filterKey);
  const [creating, setCreating] = useState(false);
  const [transferring, setTransferring] = useState(false);
  const filtered = Object.values(filters).some((v) => v !== undefined && v !== '');

  return (
    <>
      <PageHeader
        title={t('list.title')}
        extra={
          <>
            {canExport ? <ExportMenu filters={filters} visibleKeys={visibleKeys} /> : null}
            <ColumnChooser
              columns={columns.map((c) => ({ key: c.key, label: c.label }))}
              value={visibleKeys}
              onChange={setVisibleKeys}
              defaultValue={DEFAULT_COLUMNS}
            />
            {canCreate ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="customer-create">
                {t('list.create')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card>
        <CustomerFilterBar filters={filters} update={update} clear={clear} />
        {selected.length ? (
          <Flex
            align="center"
            gap={12}
            style={{ marginBottom: 12, padding: '8px 12px', background: '#fdf6ee', borderRadius: 6 }}
            data-testid="bulk-bar"
          >
            <Typography.Text>{t('list.selected', { count: selected.length })}</Typography.Text>
            <Space>
              {canTransfer ? (
                <Button size="small" icon={<SwapOutlined />} onClick={() => setTransferring(true)} data-testid="bulk-transfer">
                  {t('transfer.action')}
                </Button>
              ) : null}
              <Button size="small" type="link" onClick={() => setSelected([])}>
                {t('list.clearSelection')}
              </Button>
            </Space>
          </Flex>
        ) : null}
        <CustomerTable
          filters={filters}
          limit={limit}
          update={update}
          columns={columns}
          visibleKeys={visibleKeys}
          selection={canTransfer ? { selected, onChange: setSelected } : undefined}
          emptyText={
            filtered ? (
              <>
                {t('list.empty')}
                <br />
                {t('list.emptyHint')}
              </>
            ) : (
              t('list.emptyCreate')
            )
          }
        />
      </Card>
      <CustomerFormDrawer
        open={creating}
        customer={null}
        onClose={() => setCreating(false)}
        onSaved={(c) => {
          setCreating(false);
          navigate(`/customers/${c.id}`);
        }}
      />
      <BulkTransferModal
        ids={selected}
        open={transferring}
        onClose={() => setTransferring(false)}
        onDone={() => {
          setTransferring(false);
          setSelected([]);
        }}
      />
    </>
  );
}
