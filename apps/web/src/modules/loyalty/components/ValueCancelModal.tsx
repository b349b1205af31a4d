import { App, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../shared/api/client';
import { FormModal } from '../../../shared/components/FormModal';
import { formatMoney } from '../../../shared/format/money';
import { type ValueEntry, useCancelSpend } from '../value.api';
import { loyaltyErrorText } from './labels';

/** 撤销储值消费 (loyalty:adjust): the spend's principal and bonus come back, once; a reason may be given. */
export function ValueCancelModal({ spend, onClose }: { spend: ValueEntry | null; onClose: () => void }) {
  const { t } = useTranslation('loyalty');
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason?: string }>();
  const cancel = useCancelSpend();
  return (
    <FormModal<{ reason?: string }>
      open={!!spend}
      title={t('value.cancel.title')}
      form={form}
      onClose={onClose}
      saving={cancel.isPending}
      success={t('value.cancel.done')}
      okText={t('value.cancel.submit')}
      errors={{ fields: ['reason'] }}
      name="value-cancel"
      intro={
        spend ? (
          <Typography.Paragraph data-testid="value-cancel-intro">
            {t('value.cancel.intro', { principal: formatMoney(-spend.principalFen), bonus: formatMoney(-spend.bonusFen) })}
          </Typography.Paragraph>
        ) : null
      }
      onSubmit={async (v) => {
        try {
          await cancel.mutateAsync({ spendId: spend!.id, reason: v.reason?.trim() || null });
        } catch (e) {
          if (isApiError(e) && (e.code === 'conflict' || e.code === 'not_found')) {
            message.error(loyaltyErrorText(e));
            return false;
          }
          throw e;
        }
      }}
    >
      <Form.Item name="reason" label={t('value.cancel.reason')}>
        <Input.TextArea rows={2} maxLength={500} data-testid="value-cancel-reason" />
      </Form.Item>
    </FormModal>
  );
}
