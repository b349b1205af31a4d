import { Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { useVerifyStoredValue } from '../value.api';
import { LedgerCheck } from './LedgerCheck';

/** 校验储值账本 (loyalty:admin): every balance, part and running balance recomputed from the entries; what differs is listed. */
export function ValueVerify() {
  const { t } = useTranslation('loyalty');
  return (
    <Card size="small" title={t('value.page.verify')} data-testid="value-verify-card">
      <LedgerCheck verify={useVerifyStoredValue()} texts="value.page" testId="value-verify" />
    </Card>
  );
}
