import { useEffect } from 'react';
import { Form, Input, InputNumber, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CustomFieldType } from '@jiake/shared';
import { FormModal } from '../../../shared/components/FormModal';
import { useRules } from '../../../shared/forms/rules';
import { useEnumOptions } from '../../../shared/i18n/enums';
import { type CustomFieldDef, useCreateCustomField, useUpdateCustomField } from '../api';

interface Values {
  key: string;
  label: string;
  type: CustomFieldType;
  options: string[];
  required: boolean;
  position: number;
}

export function CustomFieldFormModal({
  open,
  def,
  onClose,
  nextPosition,
}: {
  open: boolean;
  def: CustomFieldDef | null;
  onClose: () => void;
  nextPosition: number;
}) {
  const { t } = useTranslation('customFields');
  const rules = useRules();
  const [form] = Form.useForm<Values>();
  const create = useCreateCustomField();
  const update = useUpdateCustomField();
  const types = useEnumOptions('customFieldType');
  const type = Form.useWatch('type', form);
  const hasOptions = type === 'select' || type === 'multiselect';

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(def ? { ...def } : { type: 'text', options: [], required: false, position: nextPosition });
  }, [open, def, form, nextPosition]);

  const submit = async (v: Values) => {
    const options = hasOptions ? v.options : [];
    if (def) return update.mutateAsync({ id: def.id, label: v.label, options, required: v.required, position: v.position });
    return create.mutateAsync({ object: 'customer', key: v.key.trim(), label: v.label, type: v.type, options, required: v.required, position: v.position });
  };

  return (
    <FormModal
      open={open}
      title={def ? t('modal.edit') : t('modal.create')}
      form={form}
      onClose={onClose}
      onSubmit={submit}
      saving={create.isPending || update.isPending}
    >
      <Form.Item
        name="key"
        label={t('field.key')}
        extra={t('modal.keyHint')}
        rules={
          def ? [] : [rules.required(t('field.key')), { pattern: /^[a-z][a-z0-9_]*$/, message: t('common:validation.fieldKey') }, rules.max(40)]
        }
      >
        <Input disabled={!!def} placeholder="house_no" />
      </Form.Item>
      <Form.Item name="label" label={t('field.label')} rules={[rules.required(t('field.label')), rules.max(64)]}>
        <Input />
      </Form.Item>
      <Form.Item name="type" label={t('field.type')} extra={def ? undefined : t('modal.typeHint')}>
        <Select options={types} disabled={!!def} />
      </Form.Item>
      {hasOptions ? (
        <Form.Item
          name="options"
          label={t('field.options')}
          extra={t('modal.optionsHint')}
          rules={[{ type: 'array', min: 1, message: t('optionsRequired') }]}
        >
          <Select mode="tags" open={false} tokenSeparators={[',', '，', ';', '；']} />
        </Form.Item>
      ) : null}
      <Form.Item name="required" label={t('field.required')} valuePropName="checked">
        <Switch />
      </Form.Item>
      <Form.Item name="position" label={t('field.position')}>
        <InputNumber min={0} max={1000} />
      </Form.Item>
    </FormModal>
  );
}
