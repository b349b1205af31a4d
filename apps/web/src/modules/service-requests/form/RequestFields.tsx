import { AutoComplete, Col, Form, Input, Row, Select } from 'antd';
import { COMPLAINT_TYPES } from '@jiake/shared';
import { useTranslation } from 'react-i18next';
import { useRules } from '../../../shared/forms/rules';
import { ProductSelect } from '../../catalogue';
import { StoreSelect } from '../../org';
import { UserSelect } from '../../users';
import { useRequestSettings } from '../api';
import { useRequestLabels } from '../labels';
import { CustomerPicker } from '../components/CustomerPicker';
import { OrderPicker } from '../components/OrderPicker';
import { useCan } from '../../../shared/auth/access';

/** The complaint causes offered (the tenant's list); any other text is accepted too. */
export function CauseInput({ value, onChange, id }: { value?: string | null; onChange?: (v: string) => void; id?: string }) {
  const { t } = useTranslation('requests');
  const { data } = useRequestSettings();
  return (
    <AutoComplete
      id={id}
      value={value ?? undefined}
      onChange={onChange}
      options={(data?.causes ?? []).map((c) => ({ value: c }))}
      placeholder={t('form.causePlaceholder')}
      showSearch={{ filterOption: (input, o) => String(o?.value ?? '').includes(input) }}
      data-testid="request-cause"
    />
  );
}

/**
 * The fields of a request, for the new-request form and the edit form. New requests also take the channel and an
 * explicit assignee; the customer, once picked, defaults the store.
 */
export function RequestFields({ mode }: { mode: 'create' | 'edit' }) {
  const create = mode === 'create';
  const { t } = useTranslation('requests');
  const rules = useRules();
  const { options } = useRequestLabels();
  const form = Form.useFormInstance();
  const type = Form.useWatch('type', form);
  const customerId = Form.useWatch('customerId', form);
  const canOrders = useCan('orders:view');
  return (
    <>
      <Row gutter={12}>
        <Col span={mode === 'create' ? 8 : 12}>
          <Form.Item name="type" label={t('field.type')} rules={[rules.requiredSelect(t('field.type'))]} initialValue={create ? 'consultation' : undefined}>
            <Select options={options('type')} data-testid="request-type" />
          </Form.Item>
        </Col>
        {mode === 'create' ? (
          <Col span={8}>
            <Form.Item name="channel" label={t('field.channel')} rules={[rules.requiredSelect(t('field.channel'))]} initialValue="phone">
              <Select options={options('channel')} data-testid="request-channel" />
            </Form.Item>
          </Col>
        ) : null}
        <Col span={mode === 'create' ? 8 : 12}>
          <Form.Item name="priority" label={t('field.priority')} initialValue={create ? 'normal' : undefined}>
            <Select options={options('priority')} data-testid="request-priority-select" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="subject" label={t('field.subject')} rules={[rules.required(t('field.subject')), rules.max(200)]}>
        <Input data-testid="request-subject" />
      </Form.Item>
      <Form.Item name="description" label={t('field.description')} rules={[rules.max(5000)]}>
        <Input.TextArea rows={3} data-testid="request-description" />
      </Form.Item>
      <Form.Item name="customerId" label={t('field.customer')} extra={customerId ? undefined : t('form.noCustomer')}>
        <CustomerPicker onPick={(c) => (mode === 'create' && c?.storeId ? form.setFieldValue('storeId', c.storeId) : undefined)} />
      </Form.Item>
      {!customerId ? (
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="contactName" label={t('field.contactName')} rules={[rules.max(100)]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="contactPhone" label={t('field.contactPhone')} rules={[rules.phone()]}>
              <Input />
            </Form.Item>
          </Col>
        </Row>
      ) : null}
      <Row gutter={12}>
        <Col span={12}>
          {canOrders ? (
            <Form.Item name="orderId" label={t('field.order')}>
              <OrderPicker customerId={customerId} />
            </Form.Item>
          ) : null}
        </Col>
        <Col span={12}>
          <Form.Item name="storeId" label={t('field.store')} extra={mode === 'create' ? t('form.storeHint') : undefined}>
            <StoreSelect testId="request-store" />
          </Form.Item>
        </Col>
      </Row>
      {mode === 'create' ? (
        <Form.Item name="assigneeId" label={t('field.assignee')} extra={t('form.assigneeHint')}>
          <UserSelect testId="request-assignee" />
        </Form.Item>
      ) : null}
      {(COMPLAINT_TYPES as readonly string[]).includes(type) ? (
        <Form.Item name="cause" label={t('field.cause')} rules={[rules.max(100)]}>
          <CauseInput />
        </Form.Item>
      ) : null}
      <Form.Item name="productId" label={t('field.product')}>
        <ProductSelect testId="request-product" onChange={(id, p) => form.setFieldsValue({ productId: id, categoryId: p?.categoryId ?? (id ? form.getFieldValue('categoryId') : null) })} />
      </Form.Item>
      <Form.Item name="categoryId" hidden>
        <Input />
      </Form.Item>
    </>
  );
}

/** Empty strings of optional fields become absent (create) or null (edit). */
export function cleanValues<T extends Record<string, unknown>>(values: T, empty: undefined | null): T {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v === '' || v === undefined ? empty : typeof v === 'string' ? v.trim() : v])) as T;
}
