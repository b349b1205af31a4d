import { Button, Empty, Form, Input, InputNumber, Select, Table } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { MEASURED_ROOMS } from '@jiake/shared';
import { useTranslation } from 'react-i18next';
import { useEnumLabel } from '../../../shared/i18n/enums';

const cm = (testId: string) => <InputNumber min={1} max={100000} precision={0} style={{ width: '100%' }} data-testid={testId} />;

/** 量尺记录: one row per room measured — room, length/width/height in cm, notes. Form field `rooms`. */
export function RoomsEditor() {
  const { t } = useTranslation('activities');
  const label = useEnumLabel();
  const rooms = MEASURED_ROOMS.map((r) => ({ value: r, label: label('room', r) }));
  const required = (field: string) => [{ required: true, message: t('form.required', { label: t(`form.${field}`) }) }];
  return (
    <Form.List name="rooms">
      {(fields, { add, remove }) => (
        <>
          <Table
            size="small"
            rowKey="key"
            dataSource={fields}
            pagination={false}
            data-testid="activity-rooms"
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={false} /> }}
            columns={[
              {
                key: 'room',
                title: t('form.room'),
                width: 130,
                render: (_, f) => (
                  <Form.Item name={[f.name, 'room']} rules={required('room')} style={{ margin: 0 }}>
                    <Select options={rooms} data-testid={`activity-room-${f.name}`} />
                  </Form.Item>
                ),
              },
              ...(['lengthCm', 'widthCm', 'heightCm'] as const).map((dim) => ({
                key: dim,
                title: t(`form.${dim}`),
                width: 100,
                render: (_: unknown, f: { name: number }) => (
                  <Form.Item name={[f.name, dim]} rules={dim === 'heightCm' ? [] : required(dim)} style={{ margin: 0 }}>
                    {cm(`activity-room-${f.name}-${dim}`)}
                  </Form.Item>
                ),
              })),
              {
                key: 'notes',
                title: t('form.roomNotes'),
                render: (_, f) => (
                  <Form.Item name={[f.name, 'notes']} style={{ margin: 0 }}>
                    <Input maxLength={500} />
                  </Form.Item>
                ),
              },
              { key: 'remove', width: 44, render: (_, f) => <Button type="text" danger icon={<DeleteOutlined />} title={t('form.remove')} onClick={() => remove(f.name)} /> },
            ]}
          />
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} style={{ marginTop: 8 }} data-testid="activity-add-room">
            {t('form.addRoom')}
          </Button>
        </>
      )}
    </Form.List>
  );
}
