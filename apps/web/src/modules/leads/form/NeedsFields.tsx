import { Col, DatePicker, Form, Input, InputNumber, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useEnumOptions } from '../../../shared/i18n/enums';
import { useCategories } from '../api';
import { useLeadLabels } from '../labels';

/**
 * The needs profile (需求档案, LEAD-2) as form fields under `needs`: rooms, products wanted (words and catalogue
 * categories), current layout, house type and area, new home or addition, styles, budget, decision and delivery dates.
 */
export function NeedsFields({ open = true }: { open?: boolean }) {
  const { t } = useTranslation('leads');
  const { options } = useLeadLabels();
  const rooms = useEnumOptions('room');
  const houseTypes = useEnumOptions('houseType');
  const budgets = useEnumOptions('budgetBand');
  const categories = useCategories(open);
  const n = (k: string) => ['needs', k];
  return (
    <div data-testid="needs-editor">
      <Form.Item name={n('rooms')} label={t('needs.rooms')}>
        <Select mode="multiple" allowClear options={rooms} data-testid="needs-rooms" />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item name={n('productTags')} label={t('needs.productTags')}>
            <Select mode="tags" tokenSeparators={[',', '，', '、']} placeholder={t('needs.productTagsPlaceholder')} open={false} suffixIcon={null} data-testid="needs-products" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name={n('categoryIds')} label={t('needs.categoryIds')}>
            <Select
              mode="multiple"
              allowClear
              loading={categories.isLoading}
              showSearch={{ optionFilterProp: 'label' }}
              options={(categories.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
              data-testid="needs-categories"
            />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={12} md={8}>
          <Form.Item name={n('houseType')} label={t('needs.houseType')}>
            <Select allowClear options={houseTypes} data-testid="needs-house-type" />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item name={n('areaSqm')} label={t('needs.areaSqm')}>
            <InputNumber min={1} max={100000} precision={1} style={{ width: '100%' }} data-testid="needs-area" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name={n('homeStage')} label={t('needs.homeStage')}>
            <Select allowClear options={options('homeStage')} data-testid="needs-home-stage" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={24} md={16}>
          <Form.Item name={n('styles')} label={t('needs.styles')}>
            <Select mode="multiple" allowClear options={options('style')} data-testid="needs-styles" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name={n('budgetBand')} label={t('needs.budgetBand')}>
            <Select allowClear options={budgets} data-testid="needs-budget" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={12}>
          <Form.Item name={n('decisionDate')} label={t('needs.decisionDate')}>
            <DatePicker style={{ width: '100%' }} data-testid="needs-decision-date" />
          </Form.Item>
        </Col>
        <Col xs={12}>
          <Form.Item name={n('deliveryDate')} label={t('needs.deliveryDate')}>
            <DatePicker style={{ width: '100%' }} data-testid="needs-delivery-date" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name={n('currentLayout')} label={t('needs.currentLayout')} rules={[{ max: 2000 }]}>
        <Input.TextArea rows={2} data-testid="needs-layout" />
      </Form.Item>
    </div>
  );
}
