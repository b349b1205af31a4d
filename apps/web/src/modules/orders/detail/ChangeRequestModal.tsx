import { useEffect } from 'react';
import { Checkbox, DatePicker, Form, Input } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../shared/components/FormModal';
import { DATE_FORMAT } from '../../../shared/format/date';
import { useRules } from '../../../shared/forms/rules';
import { type Order, useRequestChange } from '../api';
import { type FormLine, fromOrderLines, toLineBodies } from '../form/lineMath';
import { LinesEditor } from '../form/LinesEditor';
import { localizeIssues } from '../issues';

interface Values {
  what: ('items' | 'address' | 'date')[];
  lines?: FormLine[];
  deliveryAddress?: string;
  deliveryDate?: Dayjs;
  reason: string;
}

/** 申请变更 (ORD-3): new items, delivery address and/or date, with a reason; a manager approves or refuses it. */
export function ChangeRequestModal({ order, open, onClose }: { order: Order; open: boolean; onClose: () => void }) {
  const { t } = useTranslation('orders');
  const rules = useRules();
  const [form] = Form.useForm<Values>();
  const request = useRequestChange(order.id);
  const what = Form.useWatch('what', form) ?? [];
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ what: ['date'], lines: fromOrderLines(order.lines), deliveryAddress: order.deliveryAddress ?? undefined });
  }, [open, order, form]);
  return (
    <FormModal<Values>
      open={open}
      title={t('change.title')}
      form={form}
      onClose={onClose}
      saving={request.isPending}
      success={t('action.changeRequested')}
      width={960}
      preserve
      onSubmit={async (v) => {
        const all = form.getFieldsValue(true) as Values;
        return request
          .mutateAsync({
            ...(v.what.includes('items') ? { lines: toLineBodies(all.lines) } : {}),
            ...(v.what.includes('address') ? { deliveryAddress: all.deliveryAddress?.trim() } : {}),
            ...(v.what.includes('date') && all.deliveryDate ? { deliveryDate: all.deliveryDate.format(DATE_FORMAT) } : {}),
            reason: v.reason.trim(),
          })
          .catch((e) => Promise.reject(localizeIssues(e)));
      }}
      name="change-form"
    >
      <Form.Item name="what" label={t('change.what')} rules={[{ required: true, type: 'array', min: 1, message: t('change.what') }]}>
        <Checkbox.Group
          options={[
            { value: 'items', label: t('change.items') },
            { value: 'address', label: t('change.address') },
            { value: 'date', label: t('change.date') },
          ]}
        />
      </Form.Item>
      {what.includes('date') ? (
        <Form.Item name="deliveryDate" label={t('change.date')} rules={[rules.requiredSelect(t('change.date'))]}>
          <DatePicker style={{ width: 220 }} data-testid="change-date" />
        </Form.Item>
      ) : null}
      {what.includes('address') ? (
        <Form.Item name="deliveryAddress" label={t('change.address')} rules={[rules.required(t('change.address')), rules.max(300)]}>
          <Input />
        </Form.Item>
      ) : null}
      {what.includes('items') ? (
        <Form.Item label={t('change.newLines')}>
          <LinesEditor form={form} />
        </Form.Item>
      ) : null}
      <Form.Item name="reason" label={t('change.reason')} rules={[rules.required(t('change.reason')), rules.max(500)]}>
        <Input.TextArea rows={2} data-testid="change-reason" />
      </Form.Item>
    </FormModal>
  );
}
