import { useEffect } from 'react';
import { DatePicker, Form, Input, Rate, Select, TimePicker, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { FollowupStepDto } from '@jiake/shared';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../shared/components/FormModal';
import { useRules } from '../../../shared/forms/rules';
import { type StepAction, useOwnerCandidates, useStepAction } from '../api/steps';
import { localiseIssues } from '../issues';
import { shanghaiDate } from '../format';

interface Values {
  outcome?: string;
  satisfaction?: number;
  reason?: string;
  dueDate?: Dayjs;
  timeOfDay?: Dayjs | null;
  ownerId?: string;
}

const FIELDS: Record<StepAction, string[]> = {
  complete: ['outcome', 'satisfaction'],
  skip: ['reason'],
  reschedule: ['dueDate', 'timeOfDay', 'reason'],
  reassign: ['ownerId'],
  reopen: ['reason'],
};

/** One action on a step in a modal: done (outcome, satisfaction), skip, reschedule, reassign or reopen, each with its reason. */
export function StepActionModal({ step, action, onClose }: { step: FollowupStepDto; action: StepAction | null; onClose: () => void }) {
  const { t } = useTranslation('followups');
  const rules = useRules();
  const [form] = Form.useForm<Values>();
  const open = action !== null;
  const current = action ?? 'complete';
  const mutation = useStepAction(current);
  const candidates = useOwnerCandidates(step.id, action === 'reassign');
  const today = shanghaiDate(new Date());

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (action === 'reschedule' && step.dueAt) form.setFieldsValue({ dueDate: dayjs(shanghaiDate(step.dueAt)) });
  }, [open, action, step, form]);

  const submit = async (v: Values) => {
    const body =
      current === 'complete'
        ? { outcome: v.outcome?.trim() || null, satisfaction: v.satisfaction || null }
        : current === 'reschedule'
          ? { dueDate: v.dueDate!.format('YYYY-MM-DD'), timeOfDay: v.timeOfDay ? v.timeOfDay.format('HH:mm') : null, reason: v.reason!.trim() }
          : current === 'reassign'
            ? { ownerId: v.ownerId! }
            : { reason: v.reason!.trim() };
    return mutation.mutateAsync({ id: step.id, body: body as never }).catch(localiseIssues);
  };

  return (
    <FormModal<Values>
      open={open}
      title={t(`actionTitle.${current}`, { step: step.stepName })}
      form={form}
      onClose={onClose}
      onSubmit={submit}
      saving={mutation.isPending}
      okText={t(`action.${current}`)}
      success={t(`success.${current}`)}
      errors={{ fields: FIELDS[current] }}
      intro={
        <Typography.Paragraph type="secondary">
          {t('actionIntro', { customer: step.customerName ?? '', order: step.orderNo })}
        </Typography.Paragraph>
      }
      name={`followup-${current}`}
    >
      {current === 'complete' ? (
        <>
          <Form.Item
            name="satisfaction"
            label={t('form.satisfaction')}
            rules={step.needsSatisfaction ? [{ required: true, message: t('form.satisfactionRequired') }] : []}
            extra={step.needsSatisfaction ? t('form.satisfactionHint') : undefined}
          >
            <Rate count={5} data-testid="followup-satisfaction" />
          </Form.Item>
          <Form.Item name="outcome" label={t('form.outcome')} rules={[rules.max(2000)]}>
            <Input.TextArea rows={3} placeholder={t('form.outcomePlaceholder')} data-testid="followup-outcome" />
          </Form.Item>
        </>
      ) : null}
      {current === 'reschedule' ? (
        <>
          <Form.Item name="dueDate" label={t('form.dueDate')} rules={[rules.requiredSelect(t('form.dueDate'))]}>
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.format('YYYY-MM-DD') < today} data-testid="followup-due-date" />
          </Form.Item>
          <Form.Item name="timeOfDay" label={t('form.timeOfDay')} extra={t('form.timeOfDayHint')}>
            <TimePicker format="HH:mm" minuteStep={5} style={{ width: '100%' }} data-testid="followup-time" />
          </Form.Item>
        </>
      ) : null}
      {current === 'reassign' ? (
        <Form.Item name="ownerId" label={t('form.owner')} rules={[rules.requiredSelect(t('form.owner'))]}>
          <Select
            loading={candidates.isLoading}
            showSearch={{ optionFilterProp: 'label' }}
            options={(candidates.data ?? []).filter((u) => u.id !== step.ownerId).map((u) => ({ value: u.id, label: u.displayName }))}
            data-testid="followup-owner"
          />
        </Form.Item>
      ) : null}
      {current === 'skip' || current === 'reschedule' || current === 'reopen' ? (
        <Form.Item name="reason" label={t('form.reason')} rules={[rules.required(t('form.reason')), rules.max(500)]}>
          <Input.TextArea rows={2} placeholder={t(`form.reasonPlaceholder.${current}`)} data-testid="followup-reason" />
        </Form.Item>
      ) : null}
    </FormModal>
  );
}
