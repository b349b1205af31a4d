import { useState } from 'react';
import { App, Button, Card, Popconfirm, Space, Switch, Table } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { type LossReason, useLossReasonConfig, useLossReasons } from '../api';
import { useOpportunityLabels } from '../labels';
import { LossReasonFormModal } from './LossReasonFormModal';

/** 输单原因: the tenant's list, in order; a reason in use is disabled rather than deleted. */
export function LossReasonsCard() {
  const { t } = useTranslation('opportunities');
  const { message } = App.useApp();
  const { problem } = useOpportunityLabels();
  const reasons = useLossReasons();
  const { update, remove } = useLossReasonConfig();
  const [editing, setEditing] = useState<LossReason | null | 'new'>(null);
  const act = (p: Promise<unknown>) => p.then(() => message.success(t('common:message.saved'))).catch((e) => message.error(problem(e)));
  const rows = reasons.data ?? [];
  /** Swap positions with the neighbour. */
  const shift = (r: LossReason, by: -1 | 1) => {
    const other = rows[rows.indexOf(r) + by];
    if (!other) return;
    const [a, b] = other.position === r.position ? [r.position + by, r.position] : [other.position, r.position];
    void act(Promise.all([update.mutateAsync({ id: r.id, body: { position: a } }), update.mutateAsync({ id: other.id, body: { position: b } })]));
  };
  return (
    <Card
      size="small"
      title={t('settings.lossReasons')}
      extra={
        <Button type="primary" size="small" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="reason-create">
          {t('settings.addReason')}
        </Button>
      }
    >
      <Table<LossReason>
        rowKey="id"
        size="small"
        loading={reasons.isLoading}
        pagination={false}
        dataSource={rows}
        data-testid="reason-table"
        columns={[
          {
            key: 'order',
            title: t('settings.order'),
            width: 90,
            render: (_, r) => (
              <Space size={0}>
                <Button size="small" type="text" icon={<ArrowUpOutlined />} aria-label={t('settings.moveUp')} disabled={rows[0]?.id === r.id} onClick={() => shift(r, -1)} />
                <Button size="small" type="text" icon={<ArrowDownOutlined />} aria-label={t('settings.moveDown')} disabled={rows.at(-1)?.id === r.id} onClick={() => shift(r, 1)} />
              </Space>
            ),
          },
          { key: 'label', title: t('settings.label'), dataIndex: 'label' },
          { key: 'code', title: t('settings.code'), render: (_, r) => <code>{r.code}</code> },
          {
            key: 'enabled',
            title: t('settings.enabled'),
            render: (_, r) => <Switch size="small" checked={r.enabled} onChange={(enabled) => act(update.mutateAsync({ id: r.id, body: { enabled } }))} data-testid="reason-enabled" />,
          },
          {
            key: 'actions',
            render: (_, r) => (
              <Space>
                <Button size="small" type="link" onClick={() => setEditing(r)} data-testid="reason-edit">
                  {t('common:action.edit')}
                </Button>
                <Popconfirm title={t('common:confirm.deleteTitle')} onConfirm={() => act(remove.mutateAsync(r.id))}>
                  <Button size="small" type="link" danger data-testid="reason-delete">
                    {t('common:action.delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <LossReasonFormModal open={editing !== null} reason={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
    </Card>
  );
}
