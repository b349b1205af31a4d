import { useMemo, useState } from 'react';
import { Alert, Card, DatePicker, Empty, Flex, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { KeysetPager } from '../../../shared/components/CursorPager';
import { PageHeader } from '../../../shared/components/PageHeader';
import { formatDateTime } from '../../../shared/format/date';
import { useCursorStack } from '../../../shared/hooks/useCursorStack';
import { UserSelect } from '../../users';
import { type AuditRow, useAuditLog } from '../api';
import { AuditChanges } from '../components/AuditChanges';
import { useAuditLabels } from '../labels';
import zhCN from '../locales/zh-CN';

/** Every action the UI knows a label for: "customer.created", "auth.login", … */
const KNOWN_ACTIONS = Object.entries(zhCN.action).flatMap(([entity, acts]) => Object.keys(acts).map((a) => `${entity}.${a}`));
const ENTITY_TYPES = Object.keys(zhCN.entity);

interface Filters {
  action?: string;
  entityType?: string;
  actorId?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

export default function AuditLogPage() {
  const { t } = useTranslation('audit');
  const labels = useAuditLabels();
  const [filters, setFilters] = useState<Filters>({});
  const [limit, setLimit] = useState(50);
  const query = useMemo(
    () => ({
      action: filters.action,
      entityType: filters.entityType,
      actorId: filters.actorId,
      from: filters.range?.[0]?.startOf('day').toISOString(),
      to: filters.range?.[1]?.endOf('day').toISOString(),
      limit,
    }),
    [filters, limit],
  );
  const pager = useCursorStack(JSON.stringify(query));
  const { data, isFetching } = useAuditLog({ ...query, cursor: pager.cursor });
  const set = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch }));

  const columns: TableColumnsType<AuditRow> = [
    { key: 'at', title: t('column.at'), width: 150, render: (_, r) => formatDateTime(r.at) },
    {
      key: 'actor',
      title: t('column.actor'),
      render: (_, r) => (
        <>
          {r.actorName} {r.actorKind !== 'user' ? <Tag>{t(`actorKind.${r.actorKind}`, { defaultValue: r.actorKind })}</Tag> : null}
        </>
      ),
    },
    { key: 'action', title: t('column.action'), render: (_, r) => labels.action(r.action) },
    { key: 'entityType', title: t('column.entityType'), render: (_, r) => labels.entity(r.entityType) },
    {
      key: 'entity',
      title: t('column.entity'),
      render: (_, r) =>
        r.entityType === 'customer' && r.entityId ? (
          <Link to={`/customers/${r.entityId}`}>{r.entityId.slice(0, 8)}</Link>
        ) : (
          <Typography.Text type="secondary">{r.entityId?.slice(0, 8)}</Typography.Text>
        ),
    },
    { key: 'changes', title: t('column.changes'), render: (_, r) => (r.changes.length ? r.changes.length : '') },
    { key: 'ip', title: t('column.ip'), dataIndex: 'ip' },
  ];

  return (
    <>
      <PageHeader title={t('title')} />
      <Alert type="info" showIcon title={t('intro')} style={{ marginBottom: 16 }} />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('filter.action')}
            style={{ width: 200 }}
            value={filters.action}
            onChange={(v) => set({ action: v })}
            options={KNOWN_ACTIONS.map((a) => ({ value: a, label: labels.action(a) }))}
            data-testid="audit-action"
          />
          <Select
            allowClear
            placeholder={t('filter.entityType')}
            style={{ width: 160 }}
            value={filters.entityType}
            onChange={(v) => set({ entityType: v })}
            options={ENTITY_TYPES.map((e) => ({ value: e, label: labels.entity(e) }))}
          />
          <UserSelect
            value={filters.actorId}
            onChange={(v) => set({ actorId: v ?? undefined })}
            placeholder={t('filter.actor')}
            style={{ width: 220 }}
          />
          <DatePicker.RangePicker value={filters.range ?? null} onChange={(v) => set({ range: v })} />
        </Flex>
        <Table<AuditRow>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={isFetching}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty description={t('empty')} /> }}
          expandable={{
            rowExpandable: (r) => r.changes.length > 0 || Object.keys(r.meta).length > 0,
            expandedRowRender: (r) => (
              <Flex vertical gap={8}>
                {r.changes.length ? <AuditChanges entityType={r.entityType} changes={r.changes} /> : null}
                {Object.keys(r.meta).length ? (
                  <Typography.Text type="secondary">
                    {t('column.meta')}
                    {t('common:colon')}
                    <Typography.Text code>{JSON.stringify(r.meta)}</Typography.Text>
                  </Typography.Text>
                ) : null}
              </Flex>
            ),
          }}
          data-testid="audit-table"
        />
        <KeysetPager cursors={pager} nextCursor={data?.nextCursor} pageSize={limit} onPageSizeChange={setLimit} loading={isFetching} />
      </Card>
    </>
  );
}
