import { useEffect } from 'react';
import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../shared/components/FormModal';
import { useRules } from '../../../shared/forms/rules';
import { type LossReason, useLossReasonConfig } from '../api';

interface Values {
  code?: string;
  label: string;
}

/** 新增输单原因 / 编辑输单原因. */
export function LossReasonFormModal({ open, reason, onClose }: { open: boolean; reason: LossReason | null; onClose: () => void }) {
  const { t } = useTranslation('opportunities');
  const rules = useRules();
  const [form] = Form.useForm<Values>();
  const { create, update } = useLossReasonConfig();
  useEffect(() => {
    if (open) form.setFieldsValue(reason ? { label: reason.label } : { label: '' });
  }, [open, reason, form]);
  return (
    <FormModal<Values>
      open={open}
      title={reason ? t('settings.editReason') : t('settings.addReason')}
      form={form}
      onClose={onClose}
      saving={create.isPending || update.isPending}
      name="loss-reason-form"
      onSubmit={(v) =>
        reason ? update.mutateAsync({ id: reason.id, body: { label: v.label } }) : create.mutateAsync({ label: v.label, ...(v.code?.trim() ? { code: v.code.trim() } : {}) })
      }
    >
      {!reason ? (
        <Form.Item name="code" label={t('settings.code')} extra={t('settings.keyHint')} rules={[{ pattern: /^[a-z][a-z0-9_]{0,39}$/, message: t('common:validation.fieldKey') }]}>
          <Input data-testid="reason-code" />
        </Form.Item>
      ) : null}
      <Form.Item name="label" label={t('settings.label')} rules={[rules.required(t('settings.label')), rules.max(40)]}>
        <Input data-testid="reason-label" />
      </Form.Item>
    </FormModal>
  );
}
