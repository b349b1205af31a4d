import { useState } from 'react';
import { Alert, App, Button, Card, Popconfirm, Space, Switch, Table, Tag } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { type Stage, useStageConfig, useStages } from '../api';
import { useOpportunityLabels } from '../labels';
import { StageFormModal } from './StageFormModal';

const KIND_COLOR: Record<string, string> = { open: 'processing', won: 'success', lost: 'default' };

/** 商机阶段: open stages in order (up / down), enable or disable, rename and re-weigh; won and lost close. */
export function StagesCard() {
  const { t } = useTranslation('opportunities');
  const { message } = App.useApp();
  const { problem } = useOpportunityLabels();
  const stages = useStages();
  const { update, remove, reorder } = useStageConfig();
  const [editing, setEditing] = useState<Stage | null | 'new'>(null);
  const act = (p: Promise<unknown>) => p.then(() => message.success(t('common:message.saved'))).catch((e) => message.error(problem(e)));
  const rows = stages.data ?? [];
  const open = rows.filter((s) => s.kind === 'open');
  const shift = (s: Stage, by: -1 | 1) => {
    const ids = open.map((x) => x.id);
    const i = ids.indexOf(s.id);
    const j = i + by;
    if (j < 0 || j >= ids.length) return;
    [ids[i], ids[j]] = [ids[j], ids[i]];
    void act(reorder.mutateAsync(ids));
  };
  return (
    <Card
      size="small"
      title={t('settings.stages')}
      extra={
        <Button type="primary" size="small" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="stage-create">
          {t('settings.addStage')}
        </Button>
      }
    >
      <Alert type="info" showIcon title={t('settings.stagesIntro')} style={{ marginBottom: 12 }} />
      <Table<Stage>
        rowKey="id"
        size="small"
        loading={stages.isLoading}
        pagination={false}
        dataSource={rows}
        data-testid="stage-table"
        onRow={(s) => ({ 'data-testid': `stage-row-${s.key}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            key: 'order',
            title: t('settings.order'),
            width: 90,
            render: (_, s) =>
              s.kind === 'open' ? (
                <Space size={0}>
                  <Button size="small" type="text" icon={<ArrowUpOutlined />} aria-label={t('settings.moveUp')} disabled={open[0]?.id === s.id} onClick={() => shift(s, -1)} data-testid="stage-up" />
                  <Button size="small" type="text" icon={<ArrowDownOutlined />} aria-label={t('settings.moveDown')} disabled={open.at(-1)?.id === s.id} onClick={() => shift(s, 1)} data-testid="stage-down" />
                </Space>
              ) : null,
          },
          { key: 'name', title: t('settings.name'), dataIndex: 'name' },
          { key: 'key', title: t('settings.key'), render: (_, s) => <code>{s.key}</code> },
          { key: 'probability', title: t('settings.probability'), align: 'right', render: (_, s) => `${s.probability}%` },
          { key: 'kind', title: t('settings.kind'), render: (_, s) => <Tag color={KIND_COLOR[s.kind]}>{t(`settings.kinds.${s.kind}`)}</Tag> },
          {
            key: 'enabled',
            title: t('settings.enabled'),
            render: (_, s) =>
              s.kind === 'open' ? <Switch size="small" checked={s.enabled} onChange={(enabled) => act(update.mutateAsync({ id: s.id, body: { enabled } }))} data-testid="stage-enabled" /> : null,
          },
          {
            key: 'actions',
            render: (_, s) => (
              <Space>
                <Button size="small" type="link" onClick={() => setEditing(s)} data-testid="stage-edit">
                  {t('common:action.edit')}
                </Button>
                {s.kind === 'open' ? (
                  <Popconfirm title={t('common:confirm.deleteTitle')} onConfirm={() => act(remove.mutateAsync(s.id))}>
                    <Button size="small" type="link" danger data-testid="stage-delete">
                      {t('common:action.delete')}
                    </Button>
                  </Popconfirm>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      <StageFormModal open={editing !== null} stage={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
    </Card>
  );
}
