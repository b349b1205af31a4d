import { useState } from 'react';
import { Alert, App, Button, Card, Popconfirm, Space, Switch, Table, Tag, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../shared/api/errors';
import { useRegions } from '../../../shared/regions/regions';
import { useOrgUnits } from '../../org';
import { type AssignmentRule, useAssignmentRules } from '../api';
import { useLeadLabels } from '../labels';
import { RuleFormModal } from './RuleFormModal';

/** 分配规则: the rules in evaluation order — move up/down, enable, edit, delete — with what each matches and whom it picks from. */
export function RulesCard() {
  const { t } = useTranslation('leads');
  const { message } = App.useApp();
  const { label } = useLeadLabels();
  const { query, update, remove, reorder } = useAssignmentRules();
  const units = useOrgUnits();
  const regions = useRegions();
  const [editing, setEditing] = useState<AssignmentRule | 'new' | null>(null);
  const rows = query.data?.items ?? [];
  const unitName = (id: string) => units.data?.find((u) => u.id === id)?.name ?? id.slice(0, 8);
  const regionName = (code: string) => regions.data?.names.get(code) ?? code;
  const act = (p: Promise<unknown>) => p.then(() => message.success(t('common:message.saved'))).catch((e) => message.error(errorText(e)));
  const move = (i: number, by: -1 | 1) => {
    const ids = rows.map((r) => r.id);
    [ids[i], ids[i + by]] = [ids[i + by], ids[i]];
    void act(reorder.mutateAsync(ids));
  };
  const conditions = (r: AssignmentRule) => {
    const tags = [
      ...r.sources.map((s) => label('source', s)),
      ...r.provinceCodes.map(regionName),
      ...r.cityCodes.map(regionName),
      ...r.storeIds.map(unitName),
    ];
    return tags.length ? tags.map((x) => <Tag key={x}>{x}</Tag>) : <Typography.Text type="secondary">{t('settings.any')}</Typography.Text>;
  };
  const pool = (r: AssignmentRule) =>
    r.poolStoreId ? `${t('settings.poolStore')}${t('common:colon')}${r.poolStoreName ?? unitName(r.poolStoreId)}` : r.users.map((u) => u.displayName).join('、');
  return (
    <Card
      title={t('settings.rules')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="lead-rule-create">
          {t('settings.addRule')}
        </Button>
      }
    >
      <Alert type="info" showIcon title={t('settings.rulesIntro')} style={{ marginBottom: 16 }} />
      <Table<AssignmentRule>
        rowKey="id"
        loading={query.isLoading}
        dataSource={rows}
        pagination={false}
        data-testid="lead-rule-table"
        scroll={{ x: 'max-content' }}
        columns={[
          {
            key: 'order',
            title: t('settings.order'),
            width: 90,
            render: (_, r, i) => (
              <Space size={0}>
                <Button size="small" type="text" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, -1)} aria-label={t('settings.moveUp')} data-testid="rule-up" />
                <Button size="small" type="text" icon={<ArrowDownOutlined />} disabled={i === rows.length - 1} onClick={() => move(i, 1)} aria-label={t('settings.moveDown')} data-testid="rule-down" />
              </Space>
            ),
          },
          { key: 'name', title: t('settings.ruleName'), dataIndex: 'name' },
          { key: 'conditions', title: t('settings.conditions'), render: (_, r) => conditions(r) },
          { key: 'strategy', title: t('settings.strategy'), render: (_, r) => label('strategy', r.strategy) },
          { key: 'pool', title: t('settings.teamOrStore'), render: (_, r) => pool(r) || <Typography.Text type="secondary">{t('settings.any')}</Typography.Text> },
          {
            key: 'enabled',
            title: t('settings.enabled'),
            render: (_, r) => <Switch size="small" checked={r.enabled} onChange={(enabled) => act(update.mutateAsync({ id: r.id, body: { enabled } }))} data-testid="rule-enabled" />,
          },
          {
            key: 'actions',
            render: (_, r) => (
              <Space>
                <Button size="small" type="link" onClick={() => setEditing(r)} data-testid="rule-edit">
                  {t('common:action.edit')}
                </Button>
                <Popconfirm title={t('common:confirm.deleteTitle')} onConfirm={() => act(remove.mutateAsync(r.id))}>
                  <Button size="small" type="link" danger data-testid="rule-delete">
                    {t('common:action.delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <RuleFormModal open={editing !== null} rule={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
    </Card>
  );
}
