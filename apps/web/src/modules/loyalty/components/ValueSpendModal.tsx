import { Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SpendInput, StoredValueBalanceDto } from '@jiake/shared';
import { useCan } from '../../../shared/auth/access';
import { formatMoney } from '../../../shared/format/money';
import { useSpend } from '../value.api';
import { RedemptionOrderPicker } from './RedemptionOrderPicker';
import { ValueMovementModal } from './ValueMovementModal';

interface Values {
  amountYuan?: number;
  orderId?: string | null;
  cardNumber?: string;
  note?: string;
}

/** The parts a spend takes (the server's rule, for the preview): bonus = floor(amount × bonus ÷ balance), the rest principal. */
export function spendPreview(b: StoredValueBalanceDto, fen: number) {
  const bonus = b.balanceFen > 0 ? Number((BigInt(fen) * BigInt(b.bonusFen)) / BigInt(b.balanceFen)) : 0;
  return { principal: fen - bonus, bonus };
}

/** 储值消费 at the counter: at most the balance, optionally for an order and with the card presented. */
export function ValueSpendModal({ memberId, balance, open, onClose }: { memberId: string; balance: StoredValueBalanceDto; open: boolean; onClose: () => void }) {
  const { t } = useTranslation('loyalty');
  const [form] = Form.useForm<Values>();
  const spend = useSpend();
  const canSeeOrders = useCan('orders:view');
  return (
    <ValueMovementModal<Values, SpendInput>
      memberId={memberId}
      open={open}
      onClose={onClose}
      title={t('value.spend.title')}
      form={form}
      mutation={spend}
      toBody={(v, amountFen) => ({ amountFen, orderId: v.orderId ?? null, cardNumber: v.cardNumber?.trim() || null, note: v.note?.trim() || null })}
      amount={{ label: t('value.spend.amount'), required: t('value.spend.amountRequired'), maxFen: balance.balanceFen, tooMuch: t('value.spend.tooMuch', { max: formatMoney(balance.balanceFen) }) }}
      intro={<Typography.Paragraph type="secondary">{t('value.spend.rule')}</Typography.Paragraph>}
      preview={(fen) => {
        if (!fen || fen > balance.balanceFen) return null;
        const p = spendPreview(balance, fen);
        return t('value.spend.preview', { principal: formatMoney(p.principal), bonus: formatMoney(p.bonus) });
      }}
      success={t('value.spend.done')}
      fields={['orderId', 'cardNumber', 'note']}
      testId="value-spend"
    >
      {canSeeOrders ? (
        <Form.Item name="orderId" label={t('value.spend.order')}>
          <RedemptionOrderPicker />
        </Form.Item>
      ) : null}
      <Form.Item name="cardNumber" label={t('value.spend.card')}>
        <Input maxLength={40} style={{ width: 260 }} data-testid="value-spend-card" />
      </Form.Item>
      <Form.Item name="note" label={t('value.spend.note')}>
        <Input.TextArea rows={2} maxLength={500} data-testid="value-spend-note" />
      </Form.Item>
    </ValueMovementModal>
  );
}
