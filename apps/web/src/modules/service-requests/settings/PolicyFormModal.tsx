import { useEffect } from 'react';
import { Form, InputNumber, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../shared/components/FormModal';
import { useRules } from '../../../shared/forms/rules';
import { type Policy, useSlaPolicies } from '../api';
import { useRequestLabels } from '../labels';

type Values = Omit<Policy, 'id'>;

/** An SLA policy: for a type and/or priority (empty = any), targets in business minutes. Type and priority are fixed once made. */
export function PolicyFormModal({ open, policy, onClose }: { open: boolean; policy: Policy | null; onClose: () => void }) {
  const { t } = useTranslation('requests');
  const rules = useRules();
  const { options } = useRequestLabels();
  const [form] = Form.useForm<Values>();
  const { create, update } = useSlaPolicies();
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(policy ?? { type: null, priority: null, enabled: true, escalationStepMinutes: null });
  }, [open, policy, form]);
  const minutes = (name: keyof Values, label: string, required: boolean) => (
    <Form.Item name={name} label={label} rules={required ? [rules.requiredSelect(label)] : []}>
      <InputNumber min={1} max={525600} precision={0} style={{ width: 200 }} placeholder={required ? undefined : t('settings.stepDefault')} data-testid={`policy-${name}`} />
    </Form.Item>
  );
  return (
    <FormModal<Values>
      open={open}
      title={t(policy ? 'settings.editPolicy' : 'settings.addPolicy')}
      form={form}
      onClose={onClose}
      saving={create.isPending || update.isPending}
      onSubmit={(v) => {
        const targets = { firstResponseMinutes: v.firstResponseMinutes, resolutionMinutes: v.resolutionMinutes, escalationStepMinutes: v.escalationStepMinutes ?? null, enabled: v.enabled };
        return policy ? update.mutateAsync({ id: policy.id, body: targets }) : create.mutateAsync({ ...targets, type: v.type ?? null, priority: v.priority ?? null });
      }}
    >
      <Form.Item name="type" label={t('field.type')}>
        <Select allowClear disabled={!!policy} placeholder={t('settings.any')} options={options('type')} data-testid="policy-type" />
      </Form.Item>
      <Form.Item name="priority" label={t('field.priority')}>
        <Select allowClear disabled={!!policy} placeholder={t('settings.any')} options={options('priority')} data-testid="policy-priority" />
      </Form.Item>
      {minutes('firstResponseMinutes', t('settings.firstResponseMinutes'), true)}
      {minutes('resolutionMinutes', t('settings.resolutionMinutes'), true)}
      {minutes('escalationStepMinutes', t('settings.escalationStepMinutes'), false)}
      <Form.Item name="enabled" label={t('settings.enabled')} valuePropName="checked">
        <Switch />
      </Form.Item>
    </FormModal>
  );
}
