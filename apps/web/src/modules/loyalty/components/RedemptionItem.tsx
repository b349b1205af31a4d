import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RedemptionDto } from '@jiake/shared';
import { formatMoney } from '../../../shared/format/money';

/** What a redemption bought: "靠垫 × 2" or "抵现 ¥12.00". */
export function RedemptionItem({ redemption: r }: { redemption: Pick<RedemptionDto, 'kind' | 'giftName' | 'quantity' | 'cashFen'> }) {
  const { t } = useTranslation('loyalty');
  return <>{r.kind === 'gift' ? t('counter.receipt.gift', { gift: r.giftName ?? '', quantity: r.quantity ?? 1 }) : t('counter.receipt.cash', { cash: formatMoney(r.cashFen) })}</>;
}

const STATUS_COLOR = { redeemed: 'green', cancelled: 'default' } as const;

export function RedemptionStatusTag({ status }: { status: RedemptionDto['status'] }) {
  const { t } = useTranslation('loyalty');
  return (
    <Tag color={STATUS_COLOR[status]} data-testid="redemption-status">
      {t(`counter.redemption.statusLabel.${status}`)}
    </Tag>
  );
}
