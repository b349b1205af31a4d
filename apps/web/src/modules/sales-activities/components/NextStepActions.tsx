import { useEffect, useState } from 'react';
import { Button, DatePicker, Form, Input, Space } from 'antd';
import { CheckOutlined, FieldTimeOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { NextStepDto } from '@jiake/shared';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../shared/components/FormModal';
import { useRules } from '../../../shared/forms/rules';
import { useActivityAction } from '../api';
import { localiseIssues } from '../labels';

interface Values {
  note?: string;
  dueAt?: Dayjs;
  reason?: string;
}

/** 完成 / 改期 of a pending next step, each in a small modal (a note; a new due time and the reason). */
export function NextStepActions({ activityId, step }: { activityId: string; step: NextStepDto }) {
  const { t } = useTranslation('activities');
  const rules = useRules();
  const [form] = Form.useForm<Values>();
  const [mode, setMode] = useState<'done' | 'reschedule' | null>(null);
  const action = useActivityAction();

  useEffect(() => {
    if (!mode) return;
    form.resetFields();
    if (mode === 'reschedule') form.setFieldsValue({ dueAt: dayjs(step.dueAt).isBefore(dayjs()) ? dayjs().add(1, 'day').hour(10).minute(0) : dayjs(step.dueAt) });
  }, [mode, step, form]);

  if (step.doneAt) return null;
  const submit = (v: Values) =>
    action
      .mutateAsync(
        mode === 'done'
          ? { id: activityId, action: 'next-step/done', body: { note: v.note?.trim() || null } }
          : { id: activityId, action: 'next-step/reschedule', body: { dueAt: v.dueAt!.toISOString(), reason: v.reason?.trim() || null } },
      )
      .catch(localiseIssues);
  return (
    <Space size={4}>
      <Button size="small" type="primary" ghost icon={<CheckOutlined />} onClick={() => setMode('done')} data-testid="next-step-done">
        {t('step.done')}
      </Button>
      <Button size="small" icon={<FieldTimeOutlined />} onClick={() => setMode('reschedule')} data-testid="next-step-reschedule">
        {t('step.reschedule')}
      </Button>
      <FormModal<Values>
        open={mode !== null}
        title={t(mode === 'reschedule' ? 'step.rescheduleTitle' : 'step.doneTitle')}
        intro={<p>{step.text}</p>}
        form={form}
        onClose={() => setMode(null)}
        onSubmit={submit}
        saving={action.isPending}
        success={t(mode === 'reschedule' ? 'step.rescheduleSuccess' : 'step.doneSuccess')}
        okText={t(mode === 'reschedule' ? 'step.reschedule' : 'step.done')}
        name={`next-step-${mode ?? 'done'}`}
      >
        {mode === 'reschedule' ? (
          <>
            <Form.Item name="dueAt" label={t('step.dueAt')} rules={[rules.requiredSelect(t('step.dueAt'))]}>
              <DatePicker
                showTime={{ format: 'HH:mm', minuteStep: 5 }}
                format="YYYY-MM-DD HH:mm"
                style={{ width: '100%' }}
                disabledDate={(d) => d.isBefore(dayjs(), 'day')}
                data-testid="next-step-due"
              />
            </Form.Item>
            <Form.Item name="reason" label={t('step.reason')} rules={[rules.max(500)]}>
              <Input data-testid="next-step-reason" />
            </Form.Item>
          </>
        ) : (
          <Form.Item name="note" label={t('step.note')} rules={[rules.max(1000)]}>
            <Input.TextArea rows={2} data-testid="next-step-note" />
          </Form.Item>
        )}
      </FormModal>
    </Space>
  );
}
