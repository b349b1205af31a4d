import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Empty, Popconfirm, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../shared/components/PageHeader';
import { useCan } from '../../../shared/auth/access';
import { formatDateTime } from '../../../shared/format/date';
import { RecordHistory } from '../../audit';
import { useOrgUnits } from '../../org';
import { useRoles } from '../../roles';
import { type ApiKey, useApiKeys, useRevokeApiKey } from '../api';
import { CreateApiKeyModal } from '../components/CreateApiKeyModal';

export default function ApiKeysPage() {
  const { t } = useTranslation('apiKeys');
  const { message } = App.useApp();
  const { data: keys, isLoading } = useApiKeys();
  const { data: roles } = useRoles(useCan('roles:view'));
  const { data: units } = useOrgUnits(useCan('org:view'));
  const revoke = useRevokeApiKey();
  const [open, setOpen] = useState(false);
  const roleName = useMemo(() => new Map((roles ?? []).map((r) => [r.id, r.name])), [roles]);
  const unitName = useMemo(() => new Map((units ?? []).map((u) => [u.id, u.name])), [units]);

  const columns: TableColumnsType<ApiKey> = [
    { key: 'name', title: t('field.name'), dataIndex: 'name' },
    { key: 'prefix', title: t('field.prefix'), render: (_, k) => <code>jk_{k.prefix}_…</code> },
    { key: 'role', title: t('field.roleId'), render: (_, k) => roleName.get(k.roleId) ?? '' },
    { key: 'unit', title: t('field.unitId'), render: (_, k) => unitName.get(k.unitId) ?? '' },
    { key: 'createdAt', title: t('field.createdAt'), render: (_, k) => formatDateTime(k.createdAt) },
    { key: 'lastUsedAt', title: t('field.lastUsedAt'), render: (_, k) => formatDateTime(k.lastUsedAt) || t('neverUsed') },
    {
      key: 'status',
      title: t('field.status'),
      render: (_, k) => (k.revokedAt ? <Tag>{t('status.revoked')}</Tag> : <Tag color="green">{t('status.active')}</Tag>),
    },
    {
      key: 'actions',
      title: t('common:action.more'),
      render: (_, k) => (
        <Space size={0}>
          {k.revokedAt ? null : (
            <Popconfirm
              title={t('confirm.revoke', { name: k.name })}
              description={t('confirm.revokeContent')}
              okButtonProps={{ danger: true }}
              onConfirm={() => revoke.mutateAsync(k.id).then(() => message.success(t('message.revoked')))}
            >
              <Button type="link" size="small" danger>
                {t('action.revoke')}
              </Button>
            </Popconfirm>
          )}
          <RecordHistory entityType="apiKey" id={k.id} name={k.name} />
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="api-key-create">
            {t('action.create')}
          </Button>
        }
      />
      <Alert type="info" showIcon title={t('intro')} style={{ marginBottom: 16 }} />
      <Card>
        <Table<ApiKey>
          rowKey="id"
          columns={columns}
          dataSource={keys ?? []}
          loading={isLoading}
          pagination={false}
          locale={{ emptyText: <Empty description={t('empty')} /> }}
        />
      </Card>
      <CreateApiKeyModal open={open} onClose={() => setOpen(false)} />
    </>
  );
}
