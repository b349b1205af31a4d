import { useEffect } from 'react';
import { Form, Input, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../shared/components/FormModal';
import { useRules } from '../../../shared/forms/rules';
import { StoreSelect } from '../../org';
import { type WebForm, useLeadForms } from '../api';
import { useLeadLabels } from '../labels';

type Values = Pick<WebForm, 'name' | 'enabled' | 'defaultStoreId' | 'source' | 'campaign' | 'allowedOrigins'>;

/** A web form's settings: name, default store, the source and campaign its leads get, the websites allowed to post. */
export function FormFormModal({ open, form: current, onClose }: { open: boolean; form: WebForm | null; onClose: () => void }) {
  const { t } = useTranslation('leads');
  const rules = useRules();
  const { options } = useLeadLabels();
  const [form] = Form.useForm<Values>();
  const { create, update } = useLeadForms();
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(current ?? { enabled: true, source: 'website', allowedOrigins: [], defaultStoreId: null, campaign: null });
  }, [open, current, form]);
  return (
    <FormModal<Values>
      open={open}
      title={t(current ? 'settings.editForm' : 'settings.addForm')}
      form={form}
      onClose={onClose}
      saving={create.isPending || update.isPending}
      onSubmit={(v) => {
        const body = { ...v, defaultStoreId: v.defaultStoreId ?? null, campaign: v.campaign?.trim() || null, allowedOrigins: (v.allowedOrigins ?? []).map((o) => o.trim()) };
        return current ? update.mutateAsync({ id: current.id, body }) : create.mutateAsync(body);
      }}
    >
      <Form.Item name="name" label={t('settings.formName')} rules={[rules.required(t('settings.formName')), rules.max(100)]}>
        <Input data-testid="lead-form-name" />
      </Form.Item>
      <Form.Item name="defaultStoreId" label={t('settings.defaultStore')}>
        <StoreSelect testId="lead-form-store" />
      </Form.Item>
      <Form.Item name="source" label={t('settings.formSource')}>
        <Select options={options('source')} data-testid="lead-form-source" />
      </Form.Item>
      <Form.Item name="campaign" label={t('settings.campaign')} rules={[rules.max(100)]}>
        <Input data-testid="lead-form-campaign" />
      </Form.Item>
      <Form.Item name="allowedOrigins" label={t('settings.allowedOrigins')} extra={t('settings.allowedOriginsHint')}>
        <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[' ', ',']} data-testid="lead-form-origins" />
      </Form.Item>
      <Form.Item name="enabled" label={t('settings.enabled')} valuePropName="checked">
        <Switch />
      </Form.Item>
    </FormModal>
  );
}
