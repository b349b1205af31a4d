import { useEffect } from 'react';
import { DatePicker, Form, Input, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../shared/components/FormModal';
import { DATE_FORMAT } from '../../../shared/format/date';
import { useRules } from '../../../shared/forms/rules';
import { type Order, useOrderAction } from '../api';

/** 约定送货: the first agreed delivery date (and address); later moves go through a change request. */
export function ScheduleModal({ order, open, onClose }: { order: Order; open: boolean; onClose: () => void }) {
  const { t } = useTranslation('orders');
  const rules = useRules();
  const [form] = Form.useForm<{ deliveryDate: Dayjs; deliveryAddress?: string }>();
  const act = useOrderAction(order.id);
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ deliveryDate: order.deliveryDate ? dayjs(order.deliveryDate) : undefined, deliveryAddress: order.deliveryAddress ?? undefined });
  }, [open, order, form]);
  return (
    <FormModal
      open={open}
      title={t('schedule.title')}
      form={form}
      onClose={onClose}
      saving={act.isPending}
      success={t('action.scheduled')}
      intro={<Typography.Paragraph type="secondary">{t('schedule.hint')}</Typography.Paragraph>}
      onSubmit={(v) =>
        act.mutateAsync({ action: 'schedule-delivery', body: { deliveryDate: v.deliveryDate.format(DATE_FORMAT), ...(v.deliveryAddress?.trim() ? { deliveryAddress: v.deliveryAddress.trim() } : {}) } })
      }
    >
      <Form.Item name="deliveryDate" label={t('field.deliveryDate')} rules={[rules.requiredSelect(t('field.deliveryDate'))]}>
        <DatePicker style={{ width: 220 }} data-testid="schedule-date" />
      </Form.Item>
      <Form.Item name="deliveryAddress" label={t('field.deliveryAddress')} rules={[rules.max(300)]}>
        <Input />
      </Form.Item>
    </FormModal>
  );
}
