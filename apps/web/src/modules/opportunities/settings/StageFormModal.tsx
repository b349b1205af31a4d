import { useEffect } from 'react';
import { Form, Input, InputNumber } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../shared/components/FormModal';
import { useRules } from '../../../shared/forms/rules';
import { type Stage, useStageConfig } from '../api';

interface Values {
  key?: string;
  name: string;
  probability: number;
}

/** 新增阶段 / 编辑阶段: name and probability (the won and lost stages: name only). */
export function StageFormModal({ open, stage, onClose }: { open: boolean; stage: Stage | null; onClose: () => void }) {
  const { t } = useTranslation('opportunities');
  const rules = useRules();
  const [form] = Form.useForm<Values>();
  const { create, update } = useStageConfig();
  useEffect(() => {
    if (open) form.setFieldsValue(stage ? { name: stage.name, probability: stage.probability } : { name: '', probability: 50 });
  }, [open, stage, form]);
  const closing = !!stage && stage.kind !== 'open';
  return (
    <FormModal<Values>
      open={open}
      title={stage ? t('settings.editStage') : t('settings.addStage')}
      form={form}
      onClose={onClose}
      saving={create.isPending || update.isPending}
      name="stage-form"
      onSubmit={(v) =>
        stage
          ? update.mutateAsync({ id: stage.id, body: closing ? { name: v.name } : { name: v.name, probability: v.probability } })
          : create.mutateAsync({ name: v.name, probability: v.probability, ...(v.key?.trim() ? { key: v.key.trim() } : {}) })
      }
    >
      {!stage ? (
        <Form.Item name="key" label={t('settings.key')} extra={t('settings.keyHint')} rules={[{ pattern: /^[a-z][a-z0-9_]{0,39}$/, message: t('common:validation.fieldKey') }]}>
          <Input data-testid="stage-key" />
        </Form.Item>
      ) : null}
      <Form.Item name="name" label={t('settings.name')} rules={[rules.required(t('settings.name')), rules.max(40)]}>
        <Input data-testid="stage-name" />
      </Form.Item>
      <Form.Item name="probability" label={t('settings.probability')} rules={[rules.requiredSelect(t('settings.probability'))]}>
        <InputNumber min={0} max={100} precision={0} suffix="%" disabled={closing} style={{ width: '100%' }} data-testid="stage-probability" />
      </Form.Item>
    </FormModal>
  );
}
