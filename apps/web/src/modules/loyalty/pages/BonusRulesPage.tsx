import { useState } from 'react';
import { Alert, App, Button, Card, Segmented, Switch, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../shared/api/errors';
import { KeysetPager } from '../../../shared/components/CursorPager';
import { PageHeader } from '../../../shared/components/PageHeader';
import { useCursorStack } from '../../../shared/hooks/useCursorStack';
import { type BonusRule, useBonusRules, useSetBonusRuleActive } from '../bonus.api';
import { BonusPreviewCard } from '../components/BonusPreviewCard';
import { BonusRuleModal } from '../components/BonusRuleModal';
import { BonusConditionTags, useBonusText } from '../components/BonusRuleTags';

type Filter = 'all' | 'true' | 'false';

/** 积分规则 (LOY-2): bonus rules with their window, conditions and effect, switched on and off here; and the calculator. */
export default function BonusRulesPage() {
  const { t } = useTranslation('loyalty');
  const { message } = App.useApp();
  const text = useBonusText();
  const [filter, setFilter] = useState<Filter>('all');
  const [limit, setLimit] = useState(20);
  const cursors = useCursorStack(`${filter}:${limit}`);
  const { data, isFetching } = useBonusRules({ active: filter === 'all' ? undefined : filter, limit, cursor: cursors.cursor });
  const setActive = useSetBonusRuleActive();
  const [editing, setEditing] = useState<BonusRule | null | 'new'>(null);
  const toggle = (r: BonusRule, active: boolean) =>
    setActive
      .mutateAsync({ id: r.id, active })
      .then(() => message.success(t(active ? 'bonus.switched.on' : 'bonus.switched.off')))
      .catch((e) => message.error(errorText(e)));
  return (
    <>
      <PageHeader
        title={t('bonus.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="bonus-create">
            {t('bonus.add')}
          </Button>
        }
      />
      <Alert type="info" showIcon title={t('bonus.intro')} style={{ marginBottom: 16 }} />
      <Card style={{ marginBottom: 16 }}>
        <Segmented<Filter>
          value={filter}
          onChange={setFilter}
          options={[
            { value: 'all', label: t('bonus.filter.all') },
            { value: 'true', label: t('bonus.filter.active') },
            { value: 'false', label: t('bonus.filter.inactive') },
          ]}
          style={{ marginBottom: 12 }}
          data-testid="bonus-filter"
        />
        <Table<BonusRule>
          rowKey="id"
          size="small"
          loading={isFetching}
          dataSource={data?.items ?? []}
          pagination={false}
          locale={{ emptyText: t('bonus.empty') }}
          scroll={{ x: 'max-content' }}
          data-testid="bonus-table"
          columns={[
            {
              key: 'name',
              title: t('bonus.field.name'),
              render: (_, r) => (
                <Button type="link" style={{ padding: 0 }} onClick={() => setEditing(r)} data-testid="bonus-edit">
                  {r.name}
                </Button>
              ),
            },
            { key: 'window', title: t('bonus.field.window'), render: (_, r) => text.window(r) },
            { key: 'conditions', title: t('bonus.field.conditions'), render: (_, r) => <BonusConditionTags conditions={r.conditions} /> },
            { key: 'effect', title: t('bonus.field.effect'), render: (_, r) => <Tag color="gold">{text.effect(r.effect)}</Tag> },
            { key: 'stackable', title: t('bonus.field.stackable'), render: (_, r) => t(r.stackable ? 'bonus.stackableYes' : 'bonus.stackableNo') },
            { key: 'priority', title: t('bonus.field.priority'), dataIndex: 'priority', align: 'right' },
            {
              key: 'active',
              title: t('bonus.field.active'),
              render: (_, r) => <Switch size="small" checked={r.active} onChange={(on) => toggle(r, on)} data-testid="bonus-active-toggle" />,
            },
          ]}
        />
        <KeysetPager cursors={cursors} nextCursor={data?.nextCursor} pageSize={limit} onPageSizeChange={setLimit} loading={isFetching} />
      </Card>
      <BonusPreviewCard />
      <BonusRuleModal open={editing !== null} rule={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
    </>
  );
}
