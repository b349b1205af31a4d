import { useState } from 'react';
import { Button, Empty, Flex, Spin, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../shared/format/date';
import type { AuditRow } from '../api';
import { useAuditLabels } from '../labels';
import { AuditChanges } from './AuditChanges';

/** Changes shown before "展开全部". */
const FOLDED = 5;

function Entry({ row, ownType }: { row: AuditRow; ownType: string }) {
  const { t } = useTranslation('audit');
  const labels = useAuditLabels();
  const [expanded, setExpanded] = useState(false);
  const many = row.changes.length > FOLDED;
  const changes = many && !expanded ? row.changes.slice(0, FOLDED) : row.changes;
  return (
    <Flex vertical gap={4}>
      <Flex gap={8} wrap align="center">
        <Typography.Text strong>{labels.action(row.action)}</Typography.Text>
        {row.entityType !== ownType ? <Tag>{labels.entity(row.entityType)}</Tag> : null}
        <Typography.Text type="secondary">
          {formatDateTime(row.at)} · {row.actorName}
        </Typography.Text>
      </Flex>
      {row.changes.length ? <AuditChanges entityType={row.entityType} changes={changes} compact /> : null}
      {many ? (
        <Button type="link" size="small" style={{ padding: 0, alignSelf: 'flex-start' }} onClick={() => setExpanded((e) => !e)}>
          {expanded ? t('history.collapse') : t('history.showAll', { count: row.changes.length })}
        </Button>
      ) : null}
    </Flex>
  );
}

interface Props {
  rows: AuditRow[] | undefined;
  loading: boolean;
  /** The record's own type; rows of related records (a customer's contacts) carry a tag with their type. */
  entityType: string;
  testId?: string;
}

/** A record's history as a timeline, newest first: what was done, when and by whom, then field by field before → after. */
export function HistoryTimeline({ rows, loading, entityType, testId }: Props) {
  const { t } = useTranslation('audit');
  if (loading) return <Spin />;
  if (!rows?.length) return <Empty description={t('history.empty')} />;
  return (
    <div data-testid={testId}>
      <Timeline
        items={rows.map((row) => ({
          key: row.id,
          color: row.action.endsWith('deleted') ? 'red' : row.action.endsWith('created') ? 'green' : 'blue',
          content: <Entry row={row} ownType={entityType} />,
        }))}
      />
    </div>
  );
}
