import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Flex, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../shared/components/PageHeader';
import { useSettingsColumns } from '../settings/settingsColumns';
import { type Policy, useSlaPolicies } from '../api';
import { useRequestLabels } from '../labels';
import { PolicyFormModal } from '../settings/PolicyFormModal';

/** "90" → "90 工作分钟（1小时30分钟）": targets are business minutes; the hours help reading them. */
function useMinutes() {
  const { t } = useTranslation('requests');
  return (n: number | null) => {
    if (n === null) return <Typography.Text type="secondary">{t('settings.stepDefault')}</Typography.Text>;
    const h = Math.floor(n / 60);
    const m = n % 60;
    const readable = [h ? t('sla.hours', { n: h }) : '', m ? t('sla.minutes', { n: m }) : ''].join('');
    return `${t('sla.businessMinutes', { n })}${h ? `（${readable}）` : ''}`;
  };
}

/** 服务时限: SLA policies by type and priority, and the built-in targets used when none matches. */
export default function SlaPoliciesPage() {
  const { t } = useTranslation('requests');
  const { label } = useRequestLabels();
  const minutes = useMinutes();
  const { query, update, remove } = useSlaPolicies();
  const [editing, setEditing] = useState<Policy | null | 'new'>(null);
  const any = <Typography.Text type="secondary">{t('settings.any')}</Typography.Text>;
  const rowColumns = useSettingsColumns<Policy>({ onEdit: setEditing, setEnabled: (id, enabled) => update.mutateAsync({ id, body: { enabled } }), remove: (id) => remove.mutateAsync(id) });
  return (
    <>
      <PageHeader
        title={t('settings.slaTitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="policy-create">
            {t('settings.addPolicy')}
          </Button>
        }
      />
      <Alert type="info" showIcon title={t('settings.slaIntro')} style={{ marginBottom: 16 }} />
      <Flex vertical gap={16}>
        <Card>
          <Table<Policy>
            rowKey="id"
            loading={query.isLoading}
            dataSource={query.data?.items ?? []}
            pagination={false}
            data-testid="policy-table"
            columns={[
              { key: 'type', title: t('field.type'), render: (_, p) => (p.type ? label('type', p.type) : any) },
              { key: 'priority', title: t('field.priority'), render: (_, p) => (p.priority ? label('priority', p.priority) : any) },
              { key: 'fr', title: t('sla.firstResponse'), render: (_, p) => minutes(p.firstResponseMinutes) },
              { key: 'res', title: t('sla.resolution'), render: (_, p) => minutes(p.resolutionMinutes) },
              { key: 'step', title: t('settings.escalationStepMinutes'), render: (_, p) => minutes(p.escalationStepMinutes) },
              ...rowColumns,
            ]}
          />
        </Card>
        <Card size="small" title={t('settings.defaults')} extra={<Typography.Text type="secondary">{t('settings.defaultsHint')}</Typography.Text>}>
          <Descriptions size="small" column={1} data-testid="policy-defaults">
            {(query.data?.defaults ?? []).map((d) => (
              <Descriptions.Item key={d.priority} label={label('priority', d.priority)}>
                {t('sla.firstResponse')} {minutes(d.firstResponseMinutes)} · {t('sla.resolution')} {minutes(d.resolutionMinutes)}
              </Descriptions.Item>
            ))}
          </Descriptions>
        </Card>
      </Flex>
      <PolicyFormModal open={editing !== null} policy={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
    </>
  );
}
