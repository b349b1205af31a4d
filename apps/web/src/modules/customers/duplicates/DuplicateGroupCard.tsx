import { useState } from 'react';
import { App, Button, Card, Radio, Table, Tag, Typography } from 'antd';
import { MergeCellsOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorText } from '../../../shared/api/errors';
import { formatDateTime } from '../../../shared/format/date';
import { type DuplicateGroup, useMergeCustomers } from '../api/duplicates';
import { PhoneList, TagList } from '../list/CustomerCells';
import type { Customer } from '../types';

/** One group of likely duplicates: pick the customer to keep (默认最早创建的), then merge the rest into it. */
export function DuplicateGroupCard({ group, index }: { group: DuplicateGroup; index: number }) {
  const { t } = useTranslation('customers');
  const { modal, message } = App.useApp();
  const merge = useMergeCustomers();
  const oldest = [...group.customers].sort((a, b) => (a.createdAt ?? '').localeCompare(b.createdAt ?? ''))[0];
  const [survivorId, setSurvivorId] = useState<string>(oldest?.id ?? group.customers[0]?.id);

  const confirm = () => {
    const survivor = group.customers.find((c) => c.id === survivorId);
    const mergedIds = group.customers.filter((c) => c.id !== survivorId).map((c) => c.id);
    modal.confirm({
      title: t('duplicates.mergeTitle', { count: group.customers.length }),
      content: t('duplicates.mergeContent', { name: survivor?.name ?? '' }),
      okButtonProps: { danger: true },
      okText: t('duplicates.merge'),
      onOk: async () => {
        try {
          await merge.mutateAsync({ survivorId, mergedIds });
          message.success(t('duplicates.merged'));
        } catch (e) {
          message.error(errorText(e));
        }
      },
    });
  };

  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      title={
        <>
          {t('duplicates.group', { n: index })} <Tag color="orange">{t(`duplicate.reason.${group.reason}`)}</Tag>
        </>
      }
      extra={
        <Button type="primary" icon={<MergeCellsOutlined />} onClick={confirm} loading={merge.isPending} data-testid={`merge-${index}`}>
          {t('duplicates.merge')}
        </Button>
      }
      data-testid="duplicate-group"
    >
      <Table<Customer>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={group.customers}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            key: 'survivor',
            title: t('duplicates.survivor'),
            width: 70,
            render: (_, c) => <Radio checked={c.id === survivorId} onChange={() => setSurvivorId(c.id)} aria-label={c.name} />,
          },
          {
            key: 'name',
            title: t('field.name'),
            render: (_, c) => (
              <Link to={`/customers/${c.id}`} target="_blank">
                {c.name}
              </Link>
            ),
          },
          { key: 'code', title: t('field.code'), dataIndex: 'code' },
          { key: 'phones', title: t('field.phones'), render: (_, c) => <PhoneList phones={c.phones} /> },
          { key: 'store', title: t('field.store'), render: (_, c) => c.storeName ?? '' },
          {
            key: 'owner',
            title: t('field.ownerName'),
            render: (_, c) => c.ownerName ?? <Typography.Text type="secondary">{t('detail.noOwner')}</Typography.Text>,
          },
          { key: 'tags', title: t('field.tags'), render: (_, c) => <TagList tags={c.tags} /> },
          { key: 'createdAt', title: t('field.createdAt'), render: (_, c) => formatDateTime(c.createdAt) },
        ]}
      />
    </Card>
  );
}
