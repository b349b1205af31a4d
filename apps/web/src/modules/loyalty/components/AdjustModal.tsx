import { useMemo } from 'react';
import { Form, Input, InputNumber, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../shared/components/FormModal';
import { type Member, useLoyaltySettings, useRequestAdjustment } from '../api';
import { loyaltyErrorText } from './labels';
import { App } from 'antd';
import { isApiError } from '../../../shared/api/client';
import { newIdempotencyKey } from '../../../shared/api/idempotency';

interface Values {
  direction: 'add' | 'deduct';
  points: number;
  reason: string;
}

/**
 * 调整积分: add or deduct points with a reason. The Idempotency-Key is made once per opening of the dialog, so a save
 * retried after a lost answer posts once; above the approval threshold the adjustment waits for a second person.
 */
export function AdjustModal({ member, open, onClose }: { member: Member; open: boolean; onClose: () => void }) {
  const { t } = useTranslation('loyalty');
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const adjust = useRequestAdjustment();
  const settings = useLoyaltySettings(open);
  // A fresh key each time the dialog opens; the same key for every retry within one opening.
  const idempotencyKey = useMemo(() => (open ? newIdempotencyKey() : ''), [open]);
  const threshold = settings.data?.adjustments.approvalThreshold;
  return (
    <FormModal<Values>
      open={open}
      title={t('adjust.title')}
      form={form}
      onClose={onClose}
      saving={adjust.isPending}
      success={null}
      intro={threshold !== undefined ? <p>{t('adjust.threshold', { threshold: threshold.toLocaleString() })}</p> : null}
      errors={{ fields: ['points', 'reason'] }}
      onSubmit={async (v) => {
        try {
          const a = await adjust.mutateAsync({
            body: { memberId: member.id, points: v.direction === 'add' ? v.points : -v.points, reason: v.reason.trim() },
            idempotencyKey,
          });
          message.success(a.status === 'pending' ? t('adjust.pending') : t('adjust.posted'));
        } catch (e) {
          if (isApiError(e) && e.code === 'conflict') {
            message.error(loyaltyErrorText(e));
            return false;
          }
          throw e;
        }
      }}
    >
      <Form.Item name="direction" label={t('adjust.direction')} initialValue="add">
        <Radio.Group
          optionType="button"
          options={[
            { value: 'add', label: t('adjust.add') },
            { value: 'deduct', label: t('adjust.deduct') },
          ]}
          data-testid="adjust-direction"
        />
      </Form.Item>
      <Form.Item name="points" label={t('adjust.points')} rules={[{ required: true, type: 'integer', min: 1, message: t('adjust.pointsRequired') }]}>
        <InputNumber min={1} max={100_000_000} precision={0} style={{ width: 200 }} data-testid="adjust-points" />
      </Form.Item>
      <Form.Item name="reason" label={t('adjust.reason')} rules={[{ required: true, whitespace: true, message: t('adjust.reasonRequired') }]}>
        <Input.TextArea rows={3} maxLength={500} data-testid="adjust-reason" />
      </Form.Item>
    </FormModal>
  );
}
