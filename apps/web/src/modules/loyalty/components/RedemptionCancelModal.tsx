import { App, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../shared/api/client';
import { FormModal } from '../../../shared/components/FormModal';
import { type Redemption, useCancelRedemption } from '../counter.api';
import { RedemptionItem } from './RedemptionItem';
import { loyaltyErrorText } from './labels';

/** 撤销兑换 (loyalty:adjust): with a reason; the points go back to their lots and a gift back in stock, once. */
export function RedemptionCancelModal({ redemption, onClose }: { redemption: Redemption | null; onClose: () => void }) {
  const { t } = useTranslation('loyalty');
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const cancel = useCancelRedemption();
  return (
    <FormModal<{ reason: string }>
      open={!!redemption}
      title={t('counter.redemption.cancelTitle')}
      form={form}
      onClose={onClose}
      saving={cancel.isPending}
      okText={t('counter.redemption.cancel')}
      success={t('counter.redemption.cancelled')}
      errors={{ fields: ['reason'] }}
      intro={
        redemption ? (
          <>
            <p>
              {redemption.memberNumber} · <RedemptionItem redemption={redemption} /> · {redemption.points.toLocaleString()}
            </p>
            <p>{t('counter.redemption.cancelIntro')}</p>
          </>
        ) : null
      }
      onSubmit={async (v) => {
        try {
          await cancel.mutateAsync({ id: redemption!.id, reason: v.reason.trim() });
        } catch (e) {
          if (isApiError(e) && (e.code === 'conflict' || e.code === 'not_found')) {
            message.error(loyaltyErrorText(e));
            return false;
          }
          throw e;
        }
      }}
    >
      <Form.Item name="reason" label={t('counter.redemption.reason')} rules={[{ required: true, whitespace: true, message: t('counter.redemption.reasonRequired') }]}>
        <Input.TextArea rows={3} maxLength={500} autoFocus data-testid="redemption-cancel-reason" />
      </Form.Item>
    </FormModal>
  );
}
