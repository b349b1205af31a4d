import { Button, Checkbox, Col, DatePicker, Flex, Form, Input, InputNumber, Row, Select } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useRules } from '../../../../shared/forms/rules';
import { useEnumOptions } from '../../../../shared/i18n/enums';
import { FieldGate } from '../FieldGate';

/** 家居档案: house type, area, rooms, stage, styles, budget (yuan on screen, fen in the API), move-in date, furniture. */
export function HomeProfileSection() {
  const { t } = useTranslation('customers');
  const rules = useRules();
  const houseTypes = useEnumOptions('houseType');
  const rooms = useEnumOptions('room');
  const stages = useEnumOptions('homeStage');
  const styles = useEnumOptions('style');
  const budgets = useEnumOptions('budgetBand');
  const h = (k: string) => t(`homeField.${k}`);
  return (
    <FieldGate field="homeProfile">
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item name={['homeProfile', 'houseType']} label={h('houseType')}>
            <Select allowClear options={houseTypes} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name={['homeProfile', 'areaSqm']} label={h('areaSqm')}>
            <InputNumber min={1} max={100000} style={{ width: '100%' }} suffix="㎡" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name={['homeProfile', 'stage']} label={h('stage')}>
            <Select allowClear options={stages} />
          </Form.Item>
        </Col>
        <Col xs={24} md={16}>
          <Form.Item name={['homeProfile', 'rooms']} label={h('rooms')}>
            <Select mode="multiple" allowClear options={rooms} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name={['homeProfile', 'moveInDate']} label={h('moveInDate')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name={['homeProfile', 'styles']} label={h('styles')}>
            <Checkbox.Group options={styles} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name={['homeProfile', 'budgetBand']} label={h('budgetBand')}>
            <Select allowClear options={budgets} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name={['homeProfile', 'budgetYuan']} label={h('budgetYuan')}>
            <InputNumber min={0} max={1e10} precision={2} prefix={t('form.yuanPrefix')} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item label={h('currentFurniture')}>
            <Form.List name={['homeProfile', 'currentFurniture']}>
              {(fields, { add, remove }) => (
                <Flex vertical gap={8}>
                  {fields.map((f) => (
                    <Flex key={f.key} gap={8} align="baseline" wrap>
                      <Form.Item name={[f.name, 'room']} noStyle>
                        <Select allowClear options={rooms} placeholder={h('room')} style={{ width: 120 }} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'item']} noStyle rules={[rules.required(h('item')), rules.max(100)]}>
                        <Input placeholder={h('item')} style={{ width: 160 }} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'brand']} noStyle rules={[rules.max(100)]}>
                        <Input placeholder={h('brand')} style={{ width: 160 }} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'competitor']} noStyle valuePropName="checked">
                        <Checkbox>{h('competitor')}</Checkbox>
                      </Form.Item>
                      <MinusCircleOutlined onClick={() => remove(f.name)} style={{ color: '#999' }} />
                    </Flex>
                  ))}
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ competitor: false })} style={{ width: 160 }}>
                    {t('form.addFurniture')}
                  </Button>
                </Flex>
              )}
            </Form.List>
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name={['homeProfile', 'notes']} label={h('notes')} rules={[rules.max(2000)]}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Col>
      </Row>
    </FieldGate>
  );
}
