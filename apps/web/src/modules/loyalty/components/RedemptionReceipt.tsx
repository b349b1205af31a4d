import { Button, Descriptions, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../shared/format/date';
import type { RedeemResult } from '../counter.api';
import { RedemptionItem } from './RedemptionItem';

/** The receipt after a redemption: what was redeemed, the points taken and the balance left. */
export function RedemptionReceipt({ result, onClose }: { result: RedeemResult; onClose: () => void }) {
  const { t } = useTranslation('loyalty');
  const r = result.redemption;
  return (
    <Result
      status="success"
      title={t('counter.receipt.title')}
      subTitle={<RedemptionItem redemption={r} />}
      style={{ padding: '16px 0' }}
      data-testid="counter-receipt"
      extra={
        <Button onClick={onClose} data-testid="counter-receipt-close">
          {t('counter.receipt.close')}
        </Button>
      }
    >
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 3 }}
        items={[
          { key: 'points', label: t('counter.receipt.points'), children: <span data-testid="counter-receipt-points">{r.points.toLocaleString()}</span> },
          {
            key: 'balance',
            label: t('counter.receipt.balanceAfter'),
            children: <span data-testid="counter-receipt-balance">{result.balanceAfter === null ? '' : result.balanceAfter.toLocaleString()}</span>,
          },
          { key: 'at', label: t('counter.receipt.at'), children: formatDateTime(r.redeemedAt) },
        ]}
      />
    </Result>
  );
}
