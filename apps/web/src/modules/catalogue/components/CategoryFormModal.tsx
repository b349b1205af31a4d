import { useEffect, useMemo } from 'react';
import { Form, Input, InputNumber } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../shared/components/FormModal';
import { useRules } from '../../../shared/forms/rules';
import { type Category, type CategoryBody, useCategories, useSaveCategory } from '../api';
import { subtreeIds } from '../tree';
import { CategorySelect } from './CategorySelect';

/** New category (optionally below a parent) or a change of one: name, parent, code, order. */
export function CategoryFormModal({ open, category, parentId, onClose }: { open: boolean; category: Category | null; parentId?: string | null; onClose: () => void }) {
  const { t } = useTranslation('catalogue');
  const rules = useRules();
  const [form] = Form.useForm<CategoryBody>();
  const save = useSaveCategory();
  const { data: all } = useCategories();
  const below = useMemo(() => (category ? subtreeIds(all ?? [], category.id) : undefined), [all, category]);
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(category ? { name: category.name, parentId: category.parentId, code: category.code, sortOrder: category.sortOrder } : { parentId: parentId ?? null, sortOrder: 0 });
  }, [open, category, parentId, form]);
  return (
    <FormModal<CategoryBody>
      open={open}
      title={category ? t('categories.edit') : t('categories.create')}
      form={form}
      onClose={onClose}
      saving={save.isPending}
      onSubmit={(v) => save.mutateAsync({ id: category?.id, body: { ...v, name: v.name.trim(), code: v.code?.trim() || null, parentId: v.parentId ?? null } })}
      name="category-form"
    >
      <Form.Item name="name" label={t('field.name')} rules={[rules.required(t('field.name')), rules.max(50)]}>
        <Input data-testid="category-name" />
      </Form.Item>
      <Form.Item name="parentId" label={t('field.parent')}>
        <CategorySelect disabled={below} placeholder={t('categories.root')} />
      </Form.Item>
      <Form.Item name="code" label={t('field.code')} rules={[rules.code, rules.max(32)]}>
        <Input />
      </Form.Item>
      <Form.Item name="sortOrder" label={t('field.sortOrder')}>
        <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} />
      </Form.Item>
    </FormModal>
  );
}
