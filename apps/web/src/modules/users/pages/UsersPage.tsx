import { useMemo, useState } from 'react';
import { App, Button, Card, Flex, Input, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../shared/api/errors';
import { useCan } from '../../../shared/auth/access';
import { CursorPager } from '../../../shared/components/CursorPager';
import { PageHeader } from '../../../shared/components/PageHeader';
import { formatDateTime } from '../../../shared/format/date';
import { useDebounced } from '../../../shared/hooks/useDebounced';
import { useEnumLabel } from '../../../shared/i18n/enums';
import { RecordHistory } from '../../audit';
import { UnitTreeSelect, useOrgUnits } from '../../org';
import { useRoles } from '../../roles';
import { type User, useUpdateUser, useUsers } from '../api';
import { ResetPasswordModal } from '../components/ResetPasswordModal';
import { UserFormModal } from '../components/UserFormModal';
import { UserName } from '../components/UserName';

const PAGE = 50;

export default function UsersPage() {
  const { t } = useTranslation('users');
  const { modal, message } = App.useApp();
  const label = useEnumLabel();
  const canAdmin = useCan('users:admin');
  const canSeeRoles = useCan('roles:view');
  const [term, setTerm] = useState('');
  const [unitId, setUnitId] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const q = useDebounced(term.trim());
  const { data: users, isFetching } = useUsers({ q: q || undefined, unitId, limit: PAGE, offset: (page - 1) * PAGE });
  const { data: units } = useOrgUnits(useCan('org:view'));
  const { data: roles } = useRoles(canSeeRoles);
  const update = useUpdateUser();
  const [editing, setEditing] = useState<User | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [resetting, setResetting] = useState<User | null>(null);

  const unitName = useMemo(() => new Map((units ?? []).map((u) => [u.id, u.name])), [units]);
  const roleName = useMemo(() => new Map((roles ?? []).map((r) => [r.id, r.name])), [roles]);
  const userName = useMemo(() => new Map((users ?? []).map((u) => [u.id, u.displayName])), [users]);

  const toggle = (u: User) => {
    const disabling = u.status === 'active';
    modal.confirm({
      title: disabling ? t('confirm.disable', { name: u.displayName }) : t('confirm.enable', { name: u.displayName }),
      content: disabling ? t('confirm.disableContent') : undefined,
      okButtonProps: { danger: disabling },
      onOk: async () => {
        try {
          await update.mutateAsync({ id: u.id, status: disabling ? 'disabled' : 'active' });
          message.success(disabling ? t('message.disabled') : t('message.enabled'));
        } catch (e) {
          message.error(errorText(e));
        }
      },
    });
  };

  const columns: TableColumnsType<User> = [
    { key: 'displayName', title: t('field.displayName'), dataIndex: 'displayName' },
    { key: 'username', title: t('field.username'), dataIndex: 'username' },
    { key: 'unit', title: t('field.unitId'), render: (_, u) => unitName.get(u.unitId) ?? t('common:state.none') },
    {
      key: 'roles',
      title: t('field.roleIds'),
      render: (_, u) => u.roleIds.map((id) => <Tag key={id}>{roleName.get(id) ?? '…'}</Tag>),
    },
    {
      key: 'status',
      title: t('field.status'),
      render: (_, u) => <Tag color={u.status === 'active' ? 'green' : 'default'}>{label('userStatus', u.status)}</Tag>,
    },
    { key: 'phone', title: t('field.phone'), dataIndex: 'phone' },
    { key: 'email', title: t('field.email'), dataIndex: 'email' },
    {
      key: 'supervisor',
      title: t('field.supervisorId'),
      render: (_, u) => (u.supervisorId ? (userName.get(u.supervisorId) ?? <UserName id={u.supervisorId} />) : ''),
    },
    { key: 'lastLoginAt', title: t('field.lastLoginAt'), render: (_, u) => formatDateTime(u.lastLoginAt) || t('neverLoggedIn') },
    {
      key: 'actions',
      title: t('common:action.more'),
      fixed: 'right' as const,
      render: (_: unknown, u: User) => (
        <Space size={0}>
          {canAdmin ? (
            <>
              <Button
                type="link"
                size="small"
                onClick={() => {
                  setEditing(u);
                  setFormOpen(true);
                }}
              >
                {t('common:action.edit')}
              </Button>
              <Button type="link" size="small" onClick={() => setResetting(u)}>
                {t('action.resetPassword')}
              </Button>
              <Button type="link" size="small" danger={u.status === 'active'} onClick={() => toggle(u)}>
                {u.status === 'active' ? t('common:action.disable') : t('common:action.enable')}
              </Button>
            </>
          ) : null}
          <RecordHistory entityType="user" id={u.id} name={u.displayName} />
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('title')}
        extra={
          canAdmin ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => {
                setEditing(null);
                setFormOpen(true);
              }}
              data-testid="user-create"
            >
              {t('action.create')}
            </Button>
          ) : null
        }
      />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            placeholder={t('searchPlaceholder')}
            style={{ width: 260 }}
            onChange={(e) => {
              setTerm(e.target.value);
              setPage(1);
            }}
          />
          <UnitTreeSelect
            value={unitId}
            onChange={(v) => {
              setUnitId(v);
              setPage(1);
            }}
            allowClear
            style={{ width: 260 }}
          />
        </Flex>
        <Table<User> rowKey="id" columns={columns} dataSource={users ?? []} loading={isFetching} pagination={false} scroll={{ x: 'max-content' }} />
        <CursorPager
          page={page}
          hasPrev={page > 1}
          hasNext={(users?.length ?? 0) === PAGE}
          onPrev={() => setPage((p) => p - 1)}
          onNext={() => setPage((p) => p + 1)}
          loading={isFetching}
        />
      </Card>
      <UserFormModal open={formOpen} user={editing} onClose={() => setFormOpen(false)} />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </>
  );
}
