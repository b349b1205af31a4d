import { useEffect } from 'react';
import { Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../shared/components/FormModal';
import { changedFields } from '../../../shared/forms/diff';
import { useRules } from '../../../shared/forms/rules';
import { type Product, type ProductBody, useSaveProduct } from '../api';
import { CategorySelect } from './CategorySelect';
import { MoneyInput } from './MoneyInput';
import { SeriesSelect } from './SeriesSelect';

const text = (v: unknown) => (typeof v === 'string' ? v.trim() || null : null);

/** Create or change a product: SKU, name, category, series, list price (yuan shown, fen saved), care and maintenance. */
export function ProductFormModal({ open, product, categoryId, onClose }: { open: boolean; product: Product | null; categoryId?: string; onClose: () => void }) {
  const { t } = useTranslation('catalogue');
  const rules = useRules();
  const [form] = Form.useForm<ProductBody>();
  const save = useSaveProduct();
  const f = (k: string) => t(`field.${k}`);
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(product ?? { unit: '件', status: 'active', categoryId: categoryId ?? null });
  }, [open, product, categoryId, form]);

  const submit = async (v: ProductBody) => {
    const body: ProductBody = {
      sku: v.sku?.trim(), name: v.name?.trim(), categoryId: v.categoryId ?? null, seriesId: v.seriesId ?? null, priceFen: v.priceFen ?? 0,
      unit: v.unit?.trim() || '件', spec: text(v.spec), material: text(v.material), careInstructions: text(v.careInstructions),
      maintenanceIntervalDays: v.maintenanceIntervalDays ?? null, warrantyMonths: v.warrantyMonths ?? null, status: v.status,
    };
    if (!product) return save.mutateAsync({ body });
    const patch = changedFields<Record<string, unknown>>(product as unknown as Record<string, unknown>, body as Record<string, unknown>);
    if (Object.keys(patch).length) await save.mutateAsync({ id: product.id, body: patch });
  };

  return (
    <FormModal<ProductBody> open={open} title={product ? t('products.edit') : t('products.create')} form={form} onClose={onClose} saving={save.isPending} onSubmit={submit} width={720} name="product-form">
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="sku" label={f('sku')} extra={t('products.skuHint')} rules={[rules.required(f('sku')), rules.max(64), { pattern: /^[A-Za-z0-9][A-Za-z0-9._/-]*$/, message: t('products.skuHint') }]}>
            <Input data-testid="product-sku" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="name" label={f('name')} rules={[rules.required(f('name')), rules.max(100)]}>
            <Input data-testid="product-name" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="categoryId" label={f('category')}>
            <CategorySelect />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="seriesId" label={f('series')}>
            <SeriesSelect />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="priceFen" label={f('price')} rules={[rules.requiredSelect(f('price'))]}>
            <MoneyInput testId="product-price" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="unit" label={f('unit')} rules={[rules.required(f('unit')), rules.max(10)]}>
            <Input />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="status" label={f('status')}>
            <Select options={(['active', 'discontinued'] as const).map((s) => ({ value: s, label: t(`status.${s}`) }))} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="spec" label={f('spec')} rules={[rules.max(200)]}>
            <Input />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="material" label={f('material')} rules={[rules.max(200)]}>
            <Input />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="maintenanceIntervalDays" label={f('maintenanceIntervalDays')} extra={t('products.careHint')}>
            <InputNumber min={1} max={3650} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="warrantyMonths" label={f('warrantyMonths')}>
            <InputNumber min={0} max={600} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="careInstructions" label={f('careInstructions')} rules={[rules.max(2000)]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}
