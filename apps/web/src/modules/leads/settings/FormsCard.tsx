import { useState } from 'react';
import { Alert, App, Button, Card, Popconfirm, Space, Switch, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../shared/api/errors';
import { formatDateTime } from '../../../shared/format/date';
import { type WebForm, useLeadForms } from '../api';
import { useLeadLabels } from '../labels';
import { FormFormModal } from './FormFormModal';
import { FormSnippet } from './FormSnippet';

/** 网页表单: the brand website's lead forms with their keys, leads received, and how to connect each. */
export function FormsCard() {
  const { t } = useTranslation('leads');
  const { message } = App.useApp();
  const { label } = useLeadLabels();
  const { query, update, remove, rotate } = useLeadForms();
  const [editing, setEditing] = useState<WebForm | 'new' | null>(null);
  const act = (p: Promise<unknown>) => p.then(() => message.success(t('common:message.saved'))).catch((e) => message.error(errorText(e)));
  const none = t('common:state.none');
  return (
    <Card
      title={t('settings.forms')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="lead-form-create">
          {t('settings.addForm')}
        </Button>
      }
    >
      <Alert type="info" showIcon title={t('settings.formsIntro')} style={{ marginBottom: 16 }} />
      <Table<WebForm>
        rowKey="id"
        loading={query.isLoading}
        dataSource={query.data?.items ?? []}
        pagination={false}
        data-testid="lead-form-table"
        scroll={{ x: 'max-content' }}
        expandable={{ expandedRowRender: (f) => <FormSnippet form={f} />, expandRowByClick: false }}
        columns={[
          { key: 'name', title: t('settings.formName'), dataIndex: 'name' },
          {
            key: 'key',
            title: t('settings.formKey'),
            render: (_, f) => (
              <Typography.Text code copyable data-testid="lead-form-key">
                {f.key}
              </Typography.Text>
            ),
          },
          { key: 'store', title: t('settings.defaultStore'), render: (_, f) => f.defaultStoreName ?? none },
          { key: 'source', title: t('settings.formSource'), render: (_, f) => [label('source', f.source), f.campaign].filter(Boolean).join(' · ') },
          { key: 'submissions', title: t('settings.submissions'), dataIndex: 'submissions' },
          { key: 'last', title: t('settings.lastSubmission'), render: (_, f) => formatDateTime(f.lastSubmissionAt) || none },
          {
            key: 'enabled',
            title: t('settings.enabled'),
            render: (_, f) => <Switch size="small" checked={f.enabled} onChange={(enabled) => act(update.mutateAsync({ id: f.id, body: { enabled } }))} data-testid="lead-form-enabled" />,
          },
          {
            key: 'actions',
            render: (_, f) => (
              <Space>
                <Button size="small" type="link" onClick={() => setEditing(f)} data-testid="lead-form-edit">
                  {t('common:action.edit')}
                </Button>
                <Popconfirm title={t('settings.rotateConfirm')} onConfirm={() => act(rotate.mutateAsync(f.id))}>
                  <Button size="small" type="link" data-testid="lead-form-rotate">
                    {t('settings.rotateKey')}
                  </Button>
                </Popconfirm>
                <Popconfirm title={t('common:confirm.deleteTitle')} onConfirm={() => act(remove.mutateAsync(f.id))}>
                  <Button size="small" type="link" danger data-testid="lead-form-delete">
                    {t('common:action.delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <FormFormModal open={editing !== null} form={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
    </Card>
  );
}
