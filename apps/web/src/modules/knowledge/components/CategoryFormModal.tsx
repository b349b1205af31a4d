import { useEffect } from 'react';
import { Form, Input, InputNumber, TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../shared/components/FormModal';
import { useRules } from '../../../shared/forms/rules';
import { type CategoryDto, useCategories, useSaveCategory } from '../api';
import { categoryTree } from '../categoryTree';
import { localIssues } from '../issues';

interface Values {
  name: string;
  parentId?: string | null;
  position?: number;
}

/** New category (under `parentId`) or an existing one's name, place and order. */
export function CategoryFormModal({ open, category, parentId, onClose }: { open: boolean; category: CategoryDto | null; parentId: string | null; onClose: () => void }) {
  const { t } = useTranslation('knowledge');
  const rules = useRules();
  const [form] = Form.useForm<Values>();
  const { data: categories = [] } = useCategories();
  const save = useSaveCategory();
  useEffect(() => {
    if (open) form.setFieldsValue(category ? { name: category.name, parentId: category.parentId, position: category.position } : { name: '', parentId, position: 0 });
  }, [open, category, parentId, form]);
  return (
    <FormModal<Values>
      open={open}
      title={category ? t('category.edit') : t('category.add')}
      form={form}
      onClose={onClose}
      saving={save.isPending}
      onSubmit={async (v) => {
        try {
          await save.mutateAsync({ id: category?.id, body: { name: v.name, parentId: v.parentId ?? null, position: v.position ?? 0 } });
        } catch (e) {
          throw localIssues(e, t, 'knowledge');
        }
      }}
      name="knowledge-category"
    >
      <Form.Item name="name" label={t('field.name')} rules={[rules.required(t('field.name')), rules.max(50)]}>
        <Input data-testid="category-name" maxLength={50} />
      </Form.Item>
      <Form.Item name="parentId" label={t('field.parentId')}>
        <TreeSelect
          allowClear
          placeholder={t('category.root')}
          treeData={categoryTree(categories, category?.id)}
          treeDefaultExpandAll
          data-testid="category-parent"
        />
      </Form.Item>
      <Form.Item name="position" label={t('field.position')} extra={t('category.positionHint')}>
        <InputNumber min={0} max={10000} precision={0} />
      </Form.Item>
    </FormModal>
  );
}
