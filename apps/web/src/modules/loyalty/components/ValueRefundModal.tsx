import { Form, Input, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { STORED_VALUE_METHODS, type RefundInput, type StoredValueBalanceDto } from '@jiake/shared';
import { formatMoney } from '../../../shared/format/money';
import { useRefund } from '../value.api';
import { ValueMovementModal } from './ValueMovementModal';

interface Values {
  amountYuan?: number;
  method: RefundInput['method'];
  reason: string;
  reference?: string;
}

/** The bonus a refund forfeits (the server's rule, for the preview): ceil(amount × bonus ÷ principal). */
export function forfeitPreview(b: StoredValueBalanceDto, fen: number) {
  if (b.principalFen <= 0) return 0;
  const p = BigInt(b.principalFen);
  return Number((BigInt(fen) * BigInt(b.bonusFen) + p - 1n) / p);
}

/** 储值退款: principal paid back to the customer with a reason; the bonus forfeited in proportion is shown as it is typed. */
export function ValueRefundModal({ memberId, balance, open, onClose }: { memberId: string; balance: StoredValueBalanceDto; open: boolean; onClose: () => void }) {
  const { t } = useTranslation('loyalty');
  const [form] = Form.useForm<Values>();
  const refund = useRefund();
  return (
    <ValueMovementModal<Values, RefundInput>
      memberId={memberId}
      open={open}
      onClose={onClose}
      title={t('value.refund.title')}
      form={form}
      mutation={refund}
      toBody={(v, amountFen) => ({ amountFen, method: v.method, reason: v.reason.trim(), reference: v.reference?.trim() || null })}
      amount={{ label: t('value.refund.amount'), required: t('value.refund.amountRequired'), maxFen: balance.principalFen, tooMuch: t('value.refund.tooMuch', { max: formatMoney(balance.principalFen) }) }}
      intro={<Typography.Paragraph type="secondary">{t('value.refund.rule')}</Typography.Paragraph>}
      preview={(fen) => (fen && fen <= balance.principalFen ? t('value.refund.preview', { bonus: formatMoney(forfeitPreview(balance, fen)) }) : null)}
      success={t('value.refund.done')}
      fields={['method', 'reason', 'reference']}
      testId="value-refund"
    >
      <Form.Item name="method" label={t('value.refund.method')} initialValue="cash" rules={[{ required: true }]}>
        <Select options={STORED_VALUE_METHODS.map((m) => ({ value: m, label: t(`value.method.${m}`) }))} style={{ width: 220 }} data-testid="value-refund-method" />
      </Form.Item>
      <Form.Item name="reason" label={t('value.refund.reason')} rules={[{ required: true, whitespace: true, message: t('value.refund.reasonRequired') }]}>
        <Input.TextArea rows={2} maxLength={500} data-testid="value-refund-reason" />
      </Form.Item>
      <Form.Item name="reference" label={t('value.refund.reference')}>
        <Input maxLength={100} data-testid="value-refund-reference" />
      </Form.Item>
    </ValueMovementModal>
  );
}
