import { Button, Empty, Form, Input, Select, Table } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { FURNITURE_CATEGORIES, FURNITURE_CONDITIONS, FURNITURE_OWNERSHIP, MEASURED_ROOMS } from '@jiake/shared';
import { useTranslation } from 'react-i18next';
import { useEnumLabel } from '../../../shared/i18n/enums';
import { useActivityLabels } from '../labels';

/** 现有家具: the furniture seen on a visit — category, brand, ours or a competitor's, condition, room. Form field `furnitureSeen`. */
export function FurnitureEditor() {
  const { t } = useTranslation('activities');
  const { label } = useActivityLabels();
  const enumLabel = useEnumLabel();
  const options = (group: 'furniture' | 'ownership' | 'condition', codes: readonly string[]) => codes.map((c) => ({ value: c, label: label(group, c) }));
  return (
    <Form.List name="furnitureSeen">
      {(fields, { add, remove }) => (
        <>
          <Table
            size="small"
            rowKey="key"
            dataSource={fields}
            pagination={false}
            scroll={{ x: 'max-content' }}
            data-testid="activity-furniture"
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={false} /> }}
            columns={[
              {
                key: 'category',
                title: t('form.category'),
                width: 120,
                render: (_, f) => (
                  <Form.Item name={[f.name, 'category']} rules={[{ required: true, message: t('form.required', { label: t('form.category') }) }]} style={{ margin: 0 }}>
                    <Select options={options('furniture', FURNITURE_CATEGORIES)} data-testid={`activity-furniture-${f.name}-category`} />
                  </Form.Item>
                ),
              },
              {
                key: 'ownership',
                title: t('form.ownership'),
                width: 110,
                render: (_, f) => (
                  <Form.Item name={[f.name, 'ownership']} initialValue="competitor" style={{ margin: 0 }}>
                    <Select options={options('ownership', FURNITURE_OWNERSHIP)} data-testid={`activity-furniture-${f.name}-ownership`} />
                  </Form.Item>
                ),
              },
              {
                key: 'brand',
                title: t('form.brand'),
                width: 130,
                render: (_, f) => (
                  <Form.Item
                    name={[f.name, 'brand']}
                    dependencies={[['furnitureSeen', f.name, 'ownership']]}
                    rules={[
                      ({ getFieldValue }) => ({
                        validator: async (_r, v: string | undefined) => {
                          if (getFieldValue(['furnitureSeen', f.name, 'ownership']) === 'competitor' && !v?.trim()) throw new Error(t('form.brandRequired'));
                        },
                      }),
                    ]}
                    style={{ margin: 0 }}
                  >
                    <Input maxLength={100} data-testid={`activity-furniture-${f.name}-brand`} />
                  </Form.Item>
                ),
              },
              {
                key: 'condition',
                title: t('form.condition'),
                width: 100,
                render: (_, f) => (
                  <Form.Item name={[f.name, 'condition']} style={{ margin: 0 }}>
                    <Select allowClear options={options('condition', FURNITURE_CONDITIONS)} />
                  </Form.Item>
                ),
              },
              {
                key: 'room',
                title: t('form.room'),
                width: 110,
                render: (_, f) => (
                  <Form.Item name={[f.name, 'room']} style={{ margin: 0 }}>
                    <Select allowClear options={MEASURED_ROOMS.map((r) => ({ value: r, label: enumLabel('room', r) }))} />
                  </Form.Item>
                ),
              },
              {
                key: 'notes',
                title: t('form.roomNotes'),
                width: 160,
                render: (_, f) => (
                  <Form.Item name={[f.name, 'notes']} style={{ margin: 0 }}>
                    <Input maxLength={500} />
                  </Form.Item>
                ),
              },
              { key: 'remove', width: 44, render: (_, f) => <Button type="text" danger icon={<DeleteOutlined />} title={t('form.remove')} onClick={() => remove(f.name)} /> },
            ]}
          />
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ ownership: 'competitor' })} style={{ marginTop: 8 }} data-testid="activity-add-furniture">
            {t('form.addFurniture')}
          </Button>
        </>
      )}
    </Form.List>
  );
}
