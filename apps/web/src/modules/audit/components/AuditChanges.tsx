import { Table, Typography } from 'antd';
import { ArrowRightOutlined } from '@ant-design/icons';
import type { FieldChangeDto } from '@jiake/shared';
import { useTranslation } from 'react-i18next';
import { useAuditLabels } from '../labels';
import { AuditValue } from './AuditValue';

/** Internal columns that say nothing to a reader (the parent id of a contact, tree paths). */
const INTERNAL = new Set(['id', 'tenantId', 'customerId', 'path']);

export type FieldChange = FieldChangeDto;

/** The field-level before → after of one audit row, with field labels in the user's language. */
export function AuditChanges({ entityType, changes: all, compact }: { entityType: string; changes: FieldChange[]; compact?: boolean }) {
  const { t } = useTranslation('audit');
  const labels = useAuditLabels();
  const changes = all.filter((c) => !INTERNAL.has(c.field));
  if (!changes.length) return <Typography.Text type="secondary">{t('noChanges')}</Typography.Text>;
  if (compact) {
    return (
      <div>
        {changes.map((c) => (
          <div key={c.field} style={{ lineHeight: '22px' }}>
            <Typography.Text type="secondary">
              {labels.field(entityType, c.field)}
              {t('common:colon')}
            </Typography.Text>
            <AuditValue entityType={entityType} field={c.field} value={c.before} /> <ArrowRightOutlined style={{ fontSize: 11, color: '#999' }} />{' '}
            <AuditValue entityType={entityType} field={c.field} value={c.after} />
          </div>
        ))}
      </div>
    );
  }
  return (
    <Table<FieldChange>
      size="small"
      rowKey="field"
      pagination={false}
      dataSource={changes}
      columns={[
        { key: 'field', title: t('column.field'), width: 160, render: (_, c) => labels.field(entityType, c.field) },
        { key: 'before', title: t('column.before'), render: (_, c) => <AuditValue entityType={entityType} field={c.field} value={c.before} /> },
        { key: 'after', title: t('column.after'), render: (_, c) => <AuditValue entityType={entityType} field={c.field} value={c.after} /> },
      ]}
    />
  );
}
