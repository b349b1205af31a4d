import { useState } from 'react';
import { Button, Empty, Flex, Spin, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../shared/format/date';
import { AuditChanges, type AuditRow, useAuditLabels } from '../../audit';
import { useCustomerHistory } from '../api/history';

const FOLDED = 5;

function Entry({ row }: { row: AuditRow }) {
  const { t } = useTranslation('customers');
  const labels = useAuditLabels();
  const [expanded, setExpanded] = useState(false);
  const many = row.changes.length > FOLDED;
  const changes = many && !expanded ? row.changes.slice(0, FOLDED) : row.changes;
  return (
    <Flex vertical gap={4}>
      <Flex gap={8} wrap align="center">
        <Typography.Text strong>{labels.action(row.action)}</Typography.Text>
        {row.entityType === 'contact' ? <Tag>{t('timeline.contactPrefix')}</Tag> : null}
        <Typography.Text type="secondary">
          {formatDateTime(row.at)} · {row.actorName}
        </Typography.Text>
      </Flex>
      {row.changes.length ? <AuditChanges entityType={row.entityType} changes={changes} compact /> : null}
      {many ? (
        <Button type="link" size="small" style={{ padding: 0, alignSelf: 'flex-start' }} onClick={() => setExpanded((e) => !e)}>
          {expanded ? t('timeline.collapse') : t('timeline.showAll', { count: row.changes.length })}
        </Button>
      ) : null}
    </Flex>
  );
}

/** 时间线: every change to the customer and its contacts, who did it and when, field by field. */
export function TimelineTab({ customerId }: { customerId: string }) {
  const { t } = useTranslation('customers');
  const { data, isLoading } = useCustomerHistory(customerId);
  if (isLoading) return <Spin />;
  if (!data?.length) return <Empty description={t('timeline.empty')} />;
  return (
    <div data-testid="customer-timeline">
      <Timeline
        items={data.map((row) => ({
          key: row.id,
          color: row.action.endsWith('deleted') ? 'red' : row.action.endsWith('created') ? 'green' : 'blue',
          content: <Entry row={row} />,
        }))}
      />
    </div>
  );
}
