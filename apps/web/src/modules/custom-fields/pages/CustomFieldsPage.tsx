import { useState } from 'react';
import { App, Button, Card, Empty, Popconfirm, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../shared/components/PageHeader';
import { useEnumLabel } from '../../../shared/i18n/enums';
import { RecordHistory } from '../../audit';
import { type CustomFieldDef, useCustomFieldDefs, useDeleteCustomField } from '../api';
import { CustomFieldFormModal } from '../components/CustomFieldFormModal';

export default function CustomFieldsPage() {
  const { t } = useTranslation('customFields');
  const { message } = App.useApp();
  const label = useEnumLabel();
  const { data: defs, isLoading } = useCustomFieldDefs('customer');
  const remove = useDeleteCustomField();
  const [open, setOpen] = useState(false);
  const [editing, setEditing] = useState<CustomFieldDef | null>(null);

  const columns: TableColumnsType<CustomFieldDef> = [
    { key: 'position', title: t('field.position'), dataIndex: 'position', width: 80 },
    { key: 'label', title: t('field.label'), dataIndex: 'label' },
    { key: 'key', title: t('field.key'), render: (_, d) => <code>cf_{d.key}</code> },
    { key: 'type', title: t('field.type'), render: (_, d) => label('customFieldType', d.type) },
    { key: 'options', title: t('field.options'), render: (_, d) => d.options.map((o) => <Tag key={o}>{o}</Tag>) },
    { key: 'required', title: t('field.required'), render: (_, d) => (d.required ? t('common:action.yes') : t('common:action.no')) },
    {
      key: 'actions',
      title: t('common:action.more'),
      render: (_, d) => (
        <Space size={0}>
          <Button
            type="link"
            size="small"
            onClick={() => {
              setEditing(d);
              setOpen(true);
            }}
          >
            {t('common:action.edit')}
          </Button>
          <Popconfirm
            title={t('confirm.delete', { label: d.label })}
            description={t('confirm.deleteContent')}
            okButtonProps={{ danger: true }}
            onConfirm={() => remove.mutateAsync(d.id).then(() => message.success(t('common:message.deleted')))}
          >
            <Button type="link" size="small" danger>
              {t('common:action.delete')}
            </Button>
          </Popconfirm>
          <RecordHistory entityType="customField" id={d.id} name={d.label} />
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('title')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              setEditing(null);
              setOpen(true);
            }}
            data-testid="custom-field-create"
          >
            {t('action.create')}
          </Button>
        }
      />
      <Card>
        <Table<CustomFieldDef>
          rowKey="id"
          columns={columns}
          dataSource={defs ?? []}
          loading={isLoading}
          pagination={false}
          locale={{ emptyText: <Empty description={t('empty')} /> }}
        />
      </Card>
      <CustomFieldFormModal
        open={open}
        def={editing}
        onClose={() => setOpen(false)}
        nextPosition={Math.max(0, ...(defs ?? []).map((d) => d.position + 10))}
      />
    </>
  );
}
