import { useEffect } from 'react';
import { Form, Input, InputNumber, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../shared/components/FormModal';
import { useRules } from '../../../shared/forms/rules';
import { useOrgUnits } from '../../org';
import { UserSelect } from '../../users';
import { type Rule, useRoutingRules } from '../api';
import { useRequestLabels } from '../labels';

type Values = Omit<Rule, 'id' | 'assigneeName'>;

/** A routing rule: what it matches (empty = any) and whom it assigns to. */
export function RuleFormModal({ open, rule, onClose }: { open: boolean; rule: Rule | null; onClose: () => void }) {
  const { t } = useTranslation('requests');
  const rules = useRules();
  const { options } = useRequestLabels();
  const [form] = Form.useForm<Values>();
  const { create, update } = useRoutingRules();
  const units = useOrgUnits(open);
  const strategy = Form.useWatch('strategy', form);
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(rule ?? { enabled: true, types: [], channels: [], storeIds: [], strategy: 'queue', assigneeId: null });
  }, [open, rule, form]);
  const any = t('settings.any');
  return (
    <FormModal<Values>
      open={open}
      title={t(rule ? 'settings.editRule' : 'settings.addRule')}
      form={form}
      onClose={onClose}
      saving={create.isPending || update.isPending}
      width={640}
      onSubmit={(v) => {
        const body = { ...v, assigneeId: v.strategy === 'user' ? (v.assigneeId ?? null) : null };
        return rule ? update.mutateAsync({ id: rule.id, body }) : create.mutateAsync(body);
      }}
    >
      <Form.Item name="name" label={t('settings.ruleName')} rules={[rules.required(t('settings.ruleName')), rules.max(100)]}>
        <Input data-testid="rule-name" />
      </Form.Item>
      <Form.Item name="position" label={t('settings.position')}>
        <InputNumber min={0} max={100000} precision={0} />
      </Form.Item>
      <Form.Item name="types" label={t('settings.types')}>
        <Select mode="multiple" allowClear placeholder={any} options={options('type')} data-testid="rule-types" />
      </Form.Item>
      <Form.Item name="channels" label={t('settings.channels')}>
        <Select mode="multiple" allowClear placeholder={any} options={options('channel')} data-testid="rule-channels" />
      </Form.Item>
      <Form.Item name="storeIds" label={t('settings.stores')}>
        <Select
          mode="multiple"
          allowClear
          placeholder={any}
          showSearch={{ optionFilterProp: 'label' }}
          options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
          data-testid="rule-stores"
        />
      </Form.Item>
      <Form.Item name="strategy" label={t('settings.strategy')} rules={[rules.requiredSelect(t('settings.strategy'))]}>
        <Select options={options('strategy')} data-testid="rule-strategy" />
      </Form.Item>
      {strategy === 'user' ? (
        <Form.Item name="assigneeId" label={t('settings.assignee')} rules={[rules.requiredSelect(t('settings.assignee'))]}>
          <UserSelect initialLabel={rule?.assigneeName} testId="rule-assignee" />
        </Form.Item>
      ) : null}
      <Form.Item name="enabled" label={t('settings.enabled')} valuePropName="checked">
        <Switch />
      </Form.Item>
    </FormModal>
  );
}
