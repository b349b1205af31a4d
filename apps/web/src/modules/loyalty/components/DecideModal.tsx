import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../shared/components/FormModal';
import { type Adjustment, useDecideAdjustment } from '../api';
import { SignedPoints, loyaltyErrorText } from './labels';
import { App } from 'antd';
import { isApiError } from '../../../shared/api/client';

export interface Decision {
  adjustment: Adjustment;
  approve: boolean;
}

/** Approve (note optional) or reject (note required) a pending adjustment; the requester cannot decide their own. */
export function DecideModal({ decision, onClose }: { decision: Decision | null; onClose: () => void }) {
  const { t } = useTranslation('loyalty');
  const { message } = App.useApp();
  const [form] = Form.useForm<{ note?: string }>();
  const decide = useDecideAdjustment();
  const a = decision?.adjustment;
  const approve = decision?.approve ?? true;
  return (
    <FormModal<{ note?: string }>
      open={!!decision}
      title={approve ? t('approval.approveTitle') : t('approval.rejectTitle')}
      form={form}
      onClose={onClose}
      saving={decide.isPending}
      okText={approve ? t('approval.approve') : t('approval.reject')}
      success={approve ? t('approval.approved') : t('approval.rejected')}
      intro={
        a ? (
          <p>
            {a.memberNumber} · <SignedPoints points={a.points} /> · {a.reason}
          </p>
        ) : null
      }
      onSubmit={async (v) => {
        try {
          await decide.mutateAsync({ id: a!.id, approve, note: v.note?.trim() || null });
        } catch (e) {
          if (isApiError(e) && (e.code === 'conflict' || e.code === 'forbidden')) {
            message.error(loyaltyErrorText(e));
            return false;
          }
          throw e;
        }
      }}
      errors={{ fields: ['note'] }}
    >
      <Form.Item name="note" label={t('approval.note')} rules={approve ? [] : [{ required: true, whitespace: true, message: t('approval.noteRequired') }]}>
        <Input.TextArea rows={3} maxLength={500} data-testid="decision-note" />
      </Form.Item>
    </FormModal>
  );
}
