import { useEffect } from 'react';
import { Form, Input } from 'antd';
import { FormModal } from '../../../shared/components/FormModal';
import { useRules } from '../../../shared/forms/rules';

/** A modal that asks for one reason (cancel an order, refuse or approve a change) and sends it. */
export function ReasonModal(p: {
  open: boolean;
  title: string;
  label: string;
  required?: boolean;
  success: string;
  onClose: () => void;
  onSubmit: (reason: string | null) => Promise<unknown>;
  saving: boolean;
  testId?: string;
}) {
  const rules = useRules();
  const [form] = Form.useForm<{ reason?: string }>();
  useEffect(() => {
    if (p.open) form.resetFields();
  }, [p.open, form]);
  return (
    <FormModal<{ reason?: string }>
      open={p.open}
      title={p.title}
      form={form}
      onClose={p.onClose}
      saving={p.saving}
      success={p.success}
      okText={null}
      onSubmit={(v) => p.onSubmit(v.reason?.trim() || null)}
    >
      <Form.Item name="reason" label={p.label} rules={[...(p.required ? [rules.required(p.label)] : []), rules.max(500)]}>
        <Input.TextArea rows={3} data-testid={p.testId} />
      </Form.Item>
    </FormModal>
  );
}
