import { useState } from 'react';
import { Alert, Button, Card, Flex, Select, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { type MemberDto, STORED_VALUE_ENTRY_KINDS, type StoredValueEntryKind } from '@jiake/shared';
import { useCan } from '../../../shared/auth/access';
import { KeysetPager } from '../../../shared/components/CursorPager';
import { formatMoney } from '../../../shared/format/money';
import { useCursorStack } from '../../../shared/hooks/useCursorStack';
import { type ValueEntry, useMemberValue } from '../value.api';
import { ValueCancelModal } from './ValueCancelModal';
import { ValueEntryTable } from './ValueEntryTable';
import { ValueRefundModal } from './ValueRefundModal';
import { ValueSpendModal } from './ValueSpendModal';
import { ValueTopUpModal } from './ValueTopUpModal';

type Dialog = 'topUp' | 'spend' | 'refund' | null;

/**
 * Member detail — 储值: the balance with its principal and bonus, top-up and spend at the counter (loyalty:enrol, an
 * active member), refund of principal and cancelling a spend (loyalty:adjust), and the statement by keyset pages.
 */
export function StoredValuePanel({ member }: { member: MemberDto }) {
  const { t } = useTranslation('loyalty');
  const canEnrol = useCan('loyalty:enrol');
  const canAdjust = useCan('loyalty:adjust');
  const [kind, setKind] = useState<StoredValueEntryKind | undefined>();
  const [limit, setLimit] = useState(20);
  const cursors = useCursorStack(JSON.stringify([kind, limit]));
  const { data, isFetching } = useMemberValue(member.id, { kind, limit, cursor: cursors.cursor });
  const [dialog, setDialog] = useState<Dialog>(null);
  const [cancelling, setCancelling] = useState<ValueEntry | null>(null);
  const balance = data?.balance ?? { accountId: member.accountId, balanceFen: 0, principalFen: 0, bonusFen: 0, updatedAt: null };
  const active = member.status === 'active';
  const close = () => setDialog(null);
  return (
    <Card
      size="small"
      title={t('value.panel.title')}
      data-testid="value-panel"
      extra={
        <Flex gap={8} wrap>
          {canEnrol && active ? (
            <>
              <Button type="primary" onClick={() => setDialog('topUp')} data-testid="value-topup">
                {t('value.panel.topUp')}
              </Button>
              <Button onClick={() => setDialog('spend')} disabled={balance.balanceFen <= 0} data-testid="value-spend">
                {t('value.panel.spend')}
              </Button>
            </>
          ) : null}
          {canAdjust ? (
            <Button danger onClick={() => setDialog('refund')} disabled={balance.principalFen <= 0} data-testid="value-refund">
              {t('value.panel.refund')}
            </Button>
          ) : null}
        </Flex>
      }
    >
      <Flex gap={32} wrap style={{ marginBottom: 12 }}>
        <Statistic title={t('value.panel.balance')} value={formatMoney(balance.balanceFen)} loading={!data} data-testid="value-balance" />
        <Statistic title={t('value.panel.principal')} value={formatMoney(balance.principalFen)} loading={!data} data-testid="value-principal" />
        <Statistic title={t('value.panel.bonus')} value={formatMoney(balance.bonusFen)} loading={!data} data-testid="value-bonus" />
      </Flex>
      {data?.statement === 'own_stores' ? <Alert type="info" showIcon title={t('value.panel.ownStores')} style={{ marginBottom: 12 }} data-testid="value-own-stores" /> : null}
      <Select
        allowClear
        placeholder={t('value.panel.anyKind')}
        value={kind}
        onChange={setKind}
        options={STORED_VALUE_ENTRY_KINDS.map((k) => ({ value: k, label: t(`value.kind.${k}`) }))}
        style={{ width: 150, marginBottom: 12 }}
        data-testid="value-kind"
      />
      <ValueEntryTable items={data?.items ?? []} loading={isFetching} onCancel={canAdjust ? setCancelling : undefined} />
      <KeysetPager cursors={cursors} nextCursor={data?.nextCursor} pageSize={limit} onPageSizeChange={setLimit} loading={isFetching} />
      <ValueTopUpModal memberId={member.id} balance={balance} open={dialog === 'topUp'} onClose={close} />
      <ValueSpendModal memberId={member.id} balance={balance} open={dialog === 'spend'} onClose={close} />
      <ValueRefundModal memberId={member.id} balance={balance} open={dialog === 'refund'} onClose={close} />
      <ValueCancelModal spend={cancelling} onClose={() => setCancelling(null)} />
    </Card>
  );
}
