import { useEffect, useState } from 'react';
import { App, Button, Form, Input, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../shared/api/errors';
import { FormModal } from '../../../shared/components/FormModal';
import { useRules } from '../../../shared/forms/rules';
import { type Series, type SeriesBody, useDeleteSeries, useSaveSeries, useSeries } from '../api';

function SeriesFormModal({ series, open, onClose }: { series: Series | null; open: boolean; onClose: () => void }) {
  const { t } = useTranslation('catalogue');
  const rules = useRules();
  const [form] = Form.useForm<SeriesBody>();
  const save = useSaveSeries();
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(series ?? { status: 'active' });
  }, [open, series, form]);
  return (
    <FormModal<SeriesBody>
      open={open}
      title={series ? t('series.edit') : t('series.create')}
      form={form}
      onClose={onClose}
      saving={save.isPending}
      onSubmit={(v) =>
        save.mutateAsync({
          id: series?.id,
          body: { name: v.name.trim(), code: v.code?.trim() || null, style: v.style?.trim() || null, description: v.description?.trim() || null, status: v.status },
        })
      }
      name="series-form"
    >
      <Form.Item name="name" label={t('field.name')} rules={[rules.required(t('field.name')), rules.max(50)]}>
        <Input data-testid="series-name" />
      </Form.Item>
      <Form.Item name="code" label={t('field.code')} rules={[rules.code, rules.max(32)]}>
        <Input />
      </Form.Item>
      <Form.Item name="style" label={t('field.style')} rules={[rules.max(50)]}>
        <Input />
      </Form.Item>
      <Form.Item name="description" label={t('field.description')} rules={[rules.max(2000)]}>
        <Input.TextArea rows={3} />
      </Form.Item>
      <Form.Item name="status" label={t('field.status')}>
        <Select options={(['active', 'discontinued'] as const).map((s) => ({ value: s, label: t(`status.${s}`) }))} />
      </Form.Item>
    </FormModal>
  );
}

/** Series (套系) with their product counts; administrators add, edit and delete empty ones. */
export function SeriesTable({ editable }: { editable: boolean }) {
  const { t } = useTranslation('catalogue');
  const { message } = App.useApp();
  const { data, isLoading } = useSeries();
  const remove = useDeleteSeries();
  const [editing, setEditing] = useState<Series | null | undefined>(undefined);
  return (
    <>
      {editable ? (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} style={{ marginBottom: 12 }} data-testid="series-create">
          {t('series.create')}
        </Button>
      ) : null}
      <Table<Series>
        rowKey="id"
        data-testid="series-table"
        loading={isLoading}
        dataSource={data ?? []}
        pagination={false}
        locale={{ emptyText: t('series.empty') }}
        columns={[
          { key: 'name', title: t('field.name'), dataIndex: 'name' },
          { key: 'code', title: t('field.code'), dataIndex: 'code' },
          { key: 'style', title: t('field.style'), dataIndex: 'style' },
          { key: 'count', title: t('field.productCount'), dataIndex: 'productCount', align: 'right' },
          { key: 'status', title: t('field.status'), render: (_, s) => <Tag color={s.status === 'active' ? 'green' : 'default'}>{t(`status.${s.status}`)}</Tag> },
          ...(editable
            ? [
                {
                  key: 'actions',
                  title: t('actions'),
                  render: (_: unknown, s: Series) => (
                    <Space>
                      <Button type="link" size="small" onClick={() => setEditing(s)}>
                        {t('series.edit')}
                      </Button>
                      <Popconfirm
                        title={t('series.deleteConfirm', { name: s.name })}
                        onConfirm={() => remove.mutateAsync(s.id).then(() => message.success(t('series.deleted')), (e) => message.error(errorText(e)))}
                      >
                        <Button type="link" size="small" danger>
                          {t('series.delete')}
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <SeriesFormModal open={editing !== undefined} series={editing ?? null} onClose={() => setEditing(undefined)} />
    </>
  );
}
