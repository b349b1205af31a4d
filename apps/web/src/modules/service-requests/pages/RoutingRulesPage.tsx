import { useState } from 'react';
import { Alert, Button, Card, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../shared/components/PageHeader';
import { useSettingsColumns } from '../settings/settingsColumns';
import { useOrgUnits } from '../../org';
import { type Rule, useRoutingRules } from '../api';
import { useRequestLabels } from '../labels';
import { RuleFormModal } from '../settings/RuleFormModal';

/** 分派规则: rules in evaluation order, each enabled or not, with what it matches and whom it assigns to. */
export default function RoutingRulesPage() {
  const { t } = useTranslation('requests');
  const { label } = useRequestLabels();
  const { query, update, remove } = useRoutingRules();
  const units = useOrgUnits();
  const unitName = (id: string) => units.data?.find((u) => u.id === id)?.name ?? id.slice(0, 8);
  const [editing, setEditing] = useState<Rule | null | 'new'>(null);
  const any = <Typography.Text type="secondary">{t('settings.any')}</Typography.Text>;
  const tags = (values: string[], render: (v: string) => string) => (values.length ? values.map((v) => <Tag key={v}>{render(v)}</Tag>) : any);
  const rowColumns = useSettingsColumns<Rule>({ onEdit: setEditing, setEnabled: (id, enabled) => update.mutateAsync({ id, body: { enabled } }), remove: (id) => remove.mutateAsync(id) });
  return (
    <>
      <PageHeader
        title={t('settings.routingTitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="rule-create">
            {t('settings.addRule')}
          </Button>
        }
      />
      <Alert type="info" showIcon title={t('settings.routingIntro')} style={{ marginBottom: 16 }} />
      <Card>
        <Table<Rule>
          rowKey="id"
          loading={query.isLoading}
          dataSource={query.data?.items ?? []}
          pagination={false}
          data-testid="rule-table"
          columns={[
            { key: 'position', title: t('settings.position'), dataIndex: 'position', width: 80 },
            { key: 'name', title: t('settings.ruleName'), dataIndex: 'name' },
            { key: 'types', title: t('settings.types'), render: (_, r) => tags(r.types, (v) => label('type', v)) },
            { key: 'channels', title: t('settings.channels'), render: (_, r) => tags(r.channels, (v) => label('channel', v)) },
            { key: 'stores', title: t('settings.stores'), render: (_, r) => tags(r.storeIds, unitName) },
            { key: 'strategy', title: t('settings.strategy'), render: (_, r) => `${label('strategy', r.strategy)}${r.assigneeName ? `：${r.assigneeName}` : ''}` },
            ...rowColumns,
          ]}
        />
      </Card>
      <RuleFormModal open={editing !== null} rule={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
    </>
  );
}
