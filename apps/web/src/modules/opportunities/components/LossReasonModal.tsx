import { Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../shared/components/FormModal';
import { useRules } from '../../../shared/forms/rules';
import { useLossReasons } from '../api';

export interface LossValues {
  lossReason: string;
  lossNote?: string;
}

/** 标记输单: a lost opportunity needs one of the tenant's loss reasons, and may say more. */
export function LossReasonModal({ open, onClose, onSubmit, saving }: { open: boolean; onClose: () => void; onSubmit: (v: LossValues) => Promise<unknown>; saving: boolean }) {
  const { t } = useTranslation('opportunities');
  const rules = useRules();
  const [form] = Form.useForm<LossValues>();
  const reasons = useLossReasons();
  return (
    <FormModal<LossValues>
      open={open}
      title={t('lose.title')}
      form={form}
      onClose={onClose}
      onSubmit={onSubmit}
      saving={saving}
      okText={t('lose.ok')}
      success={null}
      name="lose-opportunity"
    >
      <Form.Item name="lossReason" label={t('lose.reason')} rules={[rules.requiredSelect(t('lose.reason'))]}>
        <Select
          data-testid="loss-reason"
          options={(reasons.data ?? []).filter((r) => r.enabled).map((r) => ({ value: r.code, label: r.label }))}
        />
      </Form.Item>
      <Form.Item name="lossNote" label={t('lose.note')} rules={[rules.max(1000)]}>
        <Input.TextArea rows={3} placeholder={t('lose.notePlaceholder')} data-testid="loss-note" />
      </Form.Item>
    </FormModal>
  );
}
