import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Flex, Input, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../shared/components/PageHeader';
import { formatDateTime } from '../../../shared/format/date';
import { type Delivery, type DeliveryStatus, type EventRow, useEvents, useRetryDelivery } from '../api';

const STATUS_COLOR: Record<DeliveryStatus, string> = { pending: 'processing', delivered: 'success', dead: 'error' };

/** The outbox for administrators: what happened, who reacted, and a retry for failed deliveries. */
export default function EventsPage() {
  const { t } = useTranslation('events');
  const { message } = App.useApp();
  const [type, setType] = useState<string>();
  const [status, setStatus] = useState<DeliveryStatus>();
  const { data, isFetching, fetchNextPage, hasNextPage } = useEvents({ type, status });
  const retry = useRetryDelivery();
  const rows = data?.pages.flatMap((p) => p.items) ?? [];

  const delivery = (d: Delivery) => (
    <Space key={d.id} size={4}>
      <Tooltip title={d.lastError ?? t('attempts', { n: d.attempts })}>
        <Tag color={STATUS_COLOR[d.status]} data-testid={`delivery-${d.status}`}>
          {d.subscriber} · {t(`status.${d.status}`)}
        </Tag>
      </Tooltip>
      {d.status === 'dead' ? (
        <Button
          size="small"
          loading={retry.isPending}
          onClick={() => retry.mutate(d.id, { onSuccess: () => message.success(t('retried')) })}
          data-testid="delivery-retry"
        >
          {t('retry')}
        </Button>
      ) : null}
    </Space>
  );

  const columns: TableColumnsType<EventRow> = [
    { key: 'at', title: t('column.at'), width: 150, render: (_, r) => formatDateTime(r.occurredAt) },
    { key: 'type', title: t('column.type'), render: (_, r) => <Typography.Text code>{r.type}</Typography.Text> },
    { key: 'aggregate', title: t('column.aggregate'), render: (_, r) => `${r.aggregateType} ${r.aggregateId?.slice(0, 8) ?? ''}` },
    { key: 'deliveries', title: t('column.deliveries'), render: (_, r) => <Flex wrap gap={4}>{r.deliveries.map(delivery)}</Flex> },
  ];

  return (
    <>
      <PageHeader title={t('title')} />
      <Alert type="info" showIcon title={t('intro')} style={{ marginBottom: 16 }} />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Input.Search allowClear placeholder={t('filter.type')} style={{ width: 220 }} onSearch={(v) => setType(v.trim() || undefined)} />
          <Select<DeliveryStatus>
            allowClear
            placeholder={t('filter.status')}
            style={{ width: 160 }}
            value={status}
            onChange={setStatus}
            options={(['pending', 'delivered', 'dead'] as const).map((s) => ({ value: s, label: t(`status.${s}`) }))}
          />
        </Flex>
        <Table<EventRow>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={isFetching}
          pagination={false}
          locale={{ emptyText: <Empty description={t('empty')} /> }}
          expandable={{ expandedRowRender: (r) => <Typography.Text code>{JSON.stringify(r.payload)}</Typography.Text> }}
          data-testid="events-table"
        />
        {hasNextPage ? (
          <Flex justify="center" style={{ marginTop: 16 }}>
            <Button onClick={() => fetchNextPage()} loading={isFetching}>
              {t('more')}
            </Button>
          </Flex>
        ) : null}
      </Card>
    </>
  );
}
