import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Flex, Statistic } from 'antd';
import { GiftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { type LookupHit, useLoyaltySettings } from '../api';
import type { RedeemResult } from '../counter.api';
import { RedemptionDialog } from './RedemptionDialog';
import { RedemptionReceipt } from './RedemptionReceipt';
import { RedemptionTable } from './RedemptionTable';
import { LookupCardTags } from './CardLabels';
import { MemberStatusTag } from './labels';

/**
 * The member chosen at the counter: balance and what may be spent (the programme's minimum kept), 积分兑换 (focused, so
 * Enter opens it), the receipt of the last redemption, and the member's redemptions at the caller's stores (cancel
 * with loyalty:adjust). Mounted per member, so a receipt never shows beside another member.
 */
export function CounterMember({ member, presented, onClear }: { member: LookupHit; presented: NonNullable<LookupHit['card']> | null; onClear: () => void }) {
  const { t } = useTranslation('loyalty');
  const settings = useLoyaltySettings();
  const [open, setOpen] = useState(false);
  const [receipt, setReceipt] = useState<RedeemResult | null>(null);
  const [limit, setLimit] = useState(5);
  const minBalance = settings.data?.redemption.minBalance ?? 0;
  const spendable = Math.max(0, member.balance - minBalance);
  // A card shown at the counter must be usable (a lost or replaced card is refused); found otherwise, the member's own card.
  const card = presented ?? member.card;
  const cardRefused = !!presented && !presented.usable;
  const canRedeem = member.status === 'active' && !cardRefused;
  const number = (v: number | string) => Number(v).toLocaleString();
  return (
    <Flex vertical gap={16}>
      <Card
        size="small"
        title={t('counter.desk.chosen')}
        extra={
          <Button type="link" onClick={onClear} data-testid="counter-clear">
            {t('counter.desk.clear')}
          </Button>
        }
        data-testid="counter-member"
      >
        <Flex gap={32} wrap align="start">
          <Statistic title={t('field.balance')} value={member.balance} formatter={(v) => <span data-testid="counter-balance">{number(v)}</span>} />
          <Statistic title={t('counter.desk.available')} value={spendable} formatter={(v) => <span data-testid="counter-spendable">{number(v)}</span>} />
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2 }}
            style={{ flex: 1, minWidth: 280 }}
            items={[
              { key: 'number', label: t('field.number'), children: <span data-testid="counter-member-number">{member.number}</span> },
              { key: 'name', label: t('field.customer'), children: member.name ?? t('counter.desk.nameHidden') },
              { key: 'status', label: t('field.status'), children: <MemberStatusTag status={member.status} /> },
              { key: 'store', label: t('field.joinStore'), children: member.joinStoreName ?? '' },
              ...(card
                ? [{ key: 'card', label: presented ? t('counter.desk.cardPresented') : t('cards.panel.title'), children: <LookupCardTags card={card} /> }]
                : []),
            ]}
          />
        </Flex>
        <Flex gap={16} align="center" wrap style={{ marginTop: 12 }}>
          <Button
            type="primary"
            size="large"
            icon={<GiftOutlined />}
            autoFocus
            disabled={!canRedeem}
            onClick={() => {
              setReceipt(null);
              setOpen(true);
            }}
            data-testid="counter-redeem-open"
          >
            {t('counter.desk.redeem')}
          </Button>
          <span>{minBalance > 0 ? t('counter.desk.minBalanceRule', { min: minBalance.toLocaleString() }) : t('counter.desk.noMinBalance')}</span>
        </Flex>
        {member.status !== 'active' ? (
          <Alert type="warning" showIcon style={{ marginTop: 12 }} title={t('counter.desk.notActive', { status: t(`enum.status.${member.status}`) })} />
        ) : cardRefused ? (
          <Alert type="warning" showIcon style={{ marginTop: 12 }} title={t('cards.conflict.card_not_usable', { status: t(`cards.status.${presented.status}`) })} data-testid="counter-card-refused" />
        ) : null}
        {receipt ? <RedemptionReceipt result={receipt} onClose={() => setReceipt(null)} /> : null}
      </Card>
      <Card size="small" title={t('counter.desk.recent')} data-testid="counter-redemptions">
        <RedemptionTable filters={{ memberId: member.memberId }} limit={limit} onLimit={setLimit} hideMember />
      </Card>
      <RedemptionDialog
        member={member}
        cardNumber={presented?.number ?? null}
        open={open}
        onClose={() => setOpen(false)}
        onRedeemed={(r) => {
          setReceipt(r);
          setOpen(false);
        }}
      />
    </Flex>
  );
}
