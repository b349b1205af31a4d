import { Form, Input, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { STORED_VALUE_METHODS, type StoredValueBalanceDto, type TopUpInput, topUpBonusFor } from '@jiake/shared';
import { formatMoney } from '../../../shared/format/money';
import { useLoyaltySettings } from '../api';
import { useTopUp } from '../value.api';
import { ValueMovementModal } from './ValueMovementModal';

interface Values {
  amountYuan?: number;
  method: TopUpInput['method'];
  reference?: string;
  note?: string;
}

/** 储值充值: the amount paid and how, with the bonus of the step it reaches and the balance limit shown as it is typed. */
export function ValueTopUpModal({ memberId, balance, open, onClose }: { memberId: string; balance: StoredValueBalanceDto; open: boolean; onClose: () => void }) {
  const { t } = useTranslation('loyalty');
  const [form] = Form.useForm<Values>();
  const topUp = useTopUp();
  const rules = useLoyaltySettings(open).data?.storedValue;
  const room = rules ? Math.max(0, rules.maxBalanceFen - balance.balanceFen) : undefined;
  return (
    <ValueMovementModal<Values, TopUpInput>
      memberId={memberId}
      open={open}
      onClose={onClose}
      title={t('value.topUp.title')}
      form={form}
      mutation={topUp}
      toBody={(v, amountFen) => ({ amountFen, method: v.method, reference: v.reference?.trim() || null, note: v.note?.trim() || null })}
      amount={{ label: t('value.topUp.amount'), required: t('value.topUp.amountRequired') }}
      intro={
        rules ? (
          <Typography.Paragraph type="secondary" data-testid="value-topup-ceiling">
            {t('value.topUp.ceiling', { max: formatMoney(rules.maxBalanceFen), balance: formatMoney(balance.balanceFen) })}
          </Typography.Paragraph>
        ) : null
      }
      preview={(fen) => {
        if (!fen || !rules) return null;
        const bonus = topUpBonusFor(rules.topUpBonuses, fen);
        if (room !== undefined && fen + bonus > room) return <Typography.Text type="danger">{t('value.topUp.overCeiling', { max: formatMoney(rules.maxBalanceFen) })}</Typography.Text>;
        return bonus ? t('value.topUp.bonus', { bonus: formatMoney(bonus), total: formatMoney(fen + bonus) }) : t('value.topUp.noBonus');
      }}
      success={t('value.topUp.done')}
      fields={['method', 'reference', 'note']}
      testId="value-topup"
    >
      <Form.Item name="method" label={t('value.topUp.method')} initialValue="wechat" rules={[{ required: true }]}>
        <Select options={STORED_VALUE_METHODS.map((m) => ({ value: m, label: t(`value.method.${m}`) }))} style={{ width: 220 }} data-testid="value-topup-method" />
      </Form.Item>
      <Form.Item name="reference" label={t('value.topUp.reference')}>
        <Input maxLength={100} data-testid="value-topup-reference" />
      </Form.Item>
      <Form.Item name="note" label={t('value.topUp.note')}>
        <Input.TextArea rows={2} maxLength={500} data-testid="value-topup-note" />
      </Form.Item>
    </ValueMovementModal>
  );
}
