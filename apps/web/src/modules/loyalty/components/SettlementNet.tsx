import { Card, Empty, List, Typography } from 'antd';
import { ArrowRightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../../shared/format/money';
import type { SettlementReport } from '../settlement.api';
import { SettlementPartyLabel } from './SettlementParty';

/** 轧差结果: between each two parties, who pays whom after both directions are netted. */
export function SettlementNet({ report }: { report: SettlementReport | undefined }) {
  const { t } = useTranslation('loyalty');
  const net = report?.net ?? [];
  return (
    <Card size="small" title={t('settlement.net')} data-testid="settlement-net">
      {net.length ? (
        <List
          size="small"
          dataSource={net}
          renderItem={(n) => (
            <List.Item extra={<Typography.Text strong>{formatMoney(n.amountFen)}</Typography.Text>}>
              <SettlementPartyLabel party={n.fromParty} /> <ArrowRightOutlined style={{ margin: '0 8px' }} /> <SettlementPartyLabel party={n.toParty} />
              <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                {n.points.toLocaleString()} {t('settlement.col.points')}
              </Typography.Text>
            </List.Item>
          )}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('settlement.netEmpty')} />
      )}
    </Card>
  );
}
