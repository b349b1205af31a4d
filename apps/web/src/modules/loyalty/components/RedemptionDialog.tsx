import { useEffect, useMemo, useState } from 'react';
import { App, Descriptions, Form, Input, InputNumber, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CreateRedemptionInput } from '@jiake/shared';
import { isApiError } from '../../../shared/api/client';
import { useCan } from '../../../shared/auth/access';
import { FormModal } from '../../../shared/components/FormModal';
import { formatMoney, yuanToFen } from '../../../shared/format/money';
import { type LookupHit, useLoyaltySettings } from '../api';
import { type Gift, type RedeemResult, cashForPoints, newIdempotencyKey, pointsForCash, useRedeem } from '../counter.api';
import { RedemptionGiftPicker } from './RedemptionGiftPicker';
import { RedemptionOrderPicker } from './RedemptionOrderPicker';
import { cardErrorText } from './CardLabels';

type Kind = 'gift' | 'cash';
interface Values {
  giftId?: string;
  quantity?: number;
  cashYuan?: number;
  orderId?: string | null;
  note?: string;
}

const FIELDS = ['giftId', 'quantity', 'cashYuan', 'orderId', 'note'];
/** The API's cashFen is the form's cashYuan. */
const mapName = (name: (string | number)[]) => (name[0] === 'cashFen' ? ['cashYuan'] : name);

/**
 * 积分兑换 for the member chosen at the counter: a gift of the catalogue × quantity, or a cash deduction at the
 * programme's rate, optionally with the order it goes with and a note. What it costs and the balance after show as
 * it is filled in; gifts out of stock or dearer than the spendable points (balance less the minimum to keep) cannot be
 * chosen. One Idempotency-Key per opening: a double click or a retry after a lost answer redeems once.
 */
export function RedemptionDialog({
  member,
  cardNumber,
  open,
  onClose,
  onRedeemed,
}: {
  member: LookupHit;
  /** The card presented at the counter (checked again by the server), if the member was found by it. */
  cardNumber: string | null;
  open: boolean;
  onClose: () => void;
  onRedeemed: (r: RedeemResult) => void;
}) {
  const { t } = useTranslation('loyalty');
  const { message } = App.useApp();
  const canSeeOrders = useCan('orders:view');
  const [form] = Form.useForm<Values>();
  const settings = useLoyaltySettings(open);
  const redeem = useRedeem(member.memberId, member.number);
  const idempotencyKey = useMemo(() => (open ? newIdempotencyKey() : ''), [open]);
  const [kind, setKind] = useState<Kind>('gift');
  const [gift, setGift] = useState<Gift | null>(null);
  useEffect(() => {
    if (open) {
      setKind('gift');
      setGift(null);
    }
  }, [open]);

  const rules = settings.data?.redemption;
  const minBalance = rules?.minBalance ?? 0;
  const spendable = Math.max(0, member.balance - minBalance);
  const quantity = Form.useWatch('quantity', form) ?? 1;
  const cashYuan = Form.useWatch('cashYuan', form);
  const maxQuantity = gift ? Math.max(0, Math.min(gift.stock ?? Number.POSITIVE_INFINITY, Math.floor(spendable / gift.pointsPrice), 1000)) : 1;
  const maxCashFen = rules ? cashForPoints(spendable, rules.pointsPerYuan) : 0;
  const cost = kind === 'gift' ? (gift ? gift.pointsPrice * quantity : 0) : rules && cashYuan ? pointsForCash(yuanToFen(cashYuan), rules.pointsPerYuan) : 0;
  const after = member.balance - cost;

  const submit = async (v: Values) => {
    const common = { orderId: v.orderId ?? null, note: v.note?.trim() || null, cardNumber };
    const body: CreateRedemptionInput =
      kind === 'gift' ? { kind, giftId: v.giftId!, quantity: v.quantity ?? 1, ...common } : { kind, cashFen: yuanToFen(v.cashYuan!), ...common };
    try {
      onRedeemed(await redeem.mutateAsync({ body, idempotencyKey }));
    } catch (e) {
      // Stock, balance, the gift or the card changed since the dialog opened: say which, in the user's words (the
      // lists refresh).
      if (isApiError(e) && (e.code === 'conflict' || e.code === 'not_found')) {
        message.error(cardErrorText(e));
        return false;
      }
      throw e;
    }
  };

  const giftTab = (
    <>
      <Form.Item name="giftId" rules={kind === 'gift' ? [{ required: true, message: t('counter.redeem.giftRequired') }] : []}>
        <RedemptionGiftPicker
          spendable={spendable}
          onGift={(g, picked) => {
            setGift(g);
            if (picked) form.setFieldValue('quantity', 1);
          }}
        />
      </Form.Item>
      <Form.Item
        name="quantity"
        label={t('counter.redeem.quantity')}
        initialValue={1}
        rules={
          kind === 'gift'
            ? [
                { required: true, type: 'integer', min: 1, message: t('common:validation.required', { label: t('counter.redeem.quantity') }) },
                {
                  validator: async (_r, n: number | undefined) => {
                    if (gift && n && n > maxQuantity) throw new Error(gift.stock !== null && n > gift.stock ? t('counter.redeem.outOfStock') : t('counter.redeem.notEnough'));
                  },
                },
              ]
            : []
        }
      >
        <InputNumber min={1} max={Math.max(1, maxQuantity)} precision={0} disabled={!gift} style={{ width: 140 }} data-testid="redeem-quantity" />
      </Form.Item>
    </>
  );

  const cashTab = (
    <>
      <Typography.Paragraph type="secondary" data-testid="redeem-rate">
        {rules ? t('counter.redeem.rate', { points: rules.pointsPerYuan.toLocaleString() }) : null}
        <br />
        {t('counter.redeem.maxCash', { max: formatMoney(maxCashFen) })}
      </Typography.Paragraph>
      <Form.Item
        name="cashYuan"
        label={t('counter.redeem.cashYuan')}
        rules={
          kind === 'cash'
            ? [
                { required: true, message: t('counter.redeem.cashRequired') },
                {
                  validator: async (_r, y: number | undefined) => {
                    if (y !== undefined && y !== null && yuanToFen(y) > maxCashFen) throw new Error(t('counter.redeem.cashTooMuch', { max: formatMoney(maxCashFen) }));
                  },
                },
              ]
            : []
        }
      >
        <InputNumber min={0.01} max={100_000_000} precision={2} prefix="¥" disabled={maxCashFen <= 0} style={{ width: 200 }} data-testid="redeem-cash" />
      </Form.Item>
    </>
  );

  return (
    <FormModal<Values>
      open={open}
      title={t('counter.redeem.title', { number: member.number })}
      form={form}
      onClose={onClose}
      onSubmit={submit}
      saving={redeem.isPending}
      success={null}
      okText={t('counter.redeem.submit')}
      errors={{ fields: FIELDS, mapName }}
      width={720}
      name="loyalty-redeem"
    >
      <Tabs
        activeKey={kind}
        onChange={(k) => setKind(k as Kind)}
        items={[
          { key: 'gift', label: <span data-testid="redeem-tab-gift">{t('counter.redeem.giftTab')}</span>, children: giftTab },
          { key: 'cash', label: <span data-testid="redeem-tab-cash">{t('counter.redeem.cashTab')}</span>, children: cashTab },
        ]}
      />
      <Descriptions
        size="small"
        column={3}
        bordered
        style={{ marginBottom: 16 }}
        data-testid="redeem-summary"
        items={[
          { key: 'balance', label: t('counter.redeem.balance'), children: member.balance.toLocaleString() },
          { key: 'cost', label: t('counter.redeem.total'), children: <span data-testid="redeem-cost">{cost.toLocaleString()}</span> },
          {
            key: 'after',
            label: t('counter.redeem.balanceAfter'),
            children: (
              <Typography.Text type={after < minBalance ? 'danger' : undefined} data-testid="redeem-balance-after">
                {after.toLocaleString()}
              </Typography.Text>
            ),
          },
        ]}
      />
      <Typography.Paragraph type="secondary">
        {minBalance > 0 ? t('counter.desk.minBalanceRule', { min: minBalance.toLocaleString() }) : t('counter.desk.noMinBalance')}
      </Typography.Paragraph>
      {canSeeOrders ? (
        <Form.Item name="orderId" label={t('counter.redeem.order')}>
          <RedemptionOrderPicker />
        </Form.Item>
      ) : null}
      <Form.Item name="note" label={t('counter.redeem.note')}>
        <Input.TextArea rows={2} maxLength={500} data-testid="redeem-note" />
      </Form.Item>
    </FormModal>
  );
}
