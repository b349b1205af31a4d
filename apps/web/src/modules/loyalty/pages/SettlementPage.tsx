import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Flex } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../shared/components/PageHeader';
import { useUrlFilters } from '../../../shared/hooks/useUrlFilters';
import { type SettlementPair, settlementCsvUrl, useSettlementReport } from '../settlement.api';
import { SettlementPairTable } from '../components/SettlementPairTable';
import { SettlementNet } from '../components/SettlementNet';
import { SettlementRowsDrawer } from '../components/SettlementRowsDrawer';

const MONTH = 'YYYY-MM';
/** This month in Beijing time: settlement months are the tenant's calendar months wherever the browser is. */
const shanghaiMonth = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);

/**
 * 跨店结算 (LOY-7): for a month, what the stores' parties owe each other for points earned at one and redeemed at
 * another — per store pair, netted per party pair — with the rows behind each pair and CSV downloads.
 */
export default function SettlementPage() {
  const { t } = useTranslation('loyalty');
  const { filters, update } = useUrlFilters<{ month?: string }>(['month']);
  const month = filters.month && /^\d{4}-\d{2}$/.test(filters.month) ? filters.month : shanghaiMonth();
  const { data, isFetching } = useSettlementReport(month);
  const [open, setOpen] = useState<SettlementPair | null>(null);
  return (
    <>
      <PageHeader
        title={t('settlement.title')}
        extra={
          <>
            <DatePicker
              picker="month"
              allowClear={false}
              value={dayjs(`${month}-01`)}
              onChange={(d) => d && update({ month: d.format(MONTH) })}
              placeholder={t('settlement.month')}
              data-testid="settlement-month"
            />
            <a href={settlementCsvUrl({ month })} download>
              <Button icon={<DownloadOutlined />} data-testid="settlement-csv">
                {t('settlement.exportCsv')}
              </Button>
            </a>
          </>
        }
      />
      <Flex vertical gap={16}>
        <Alert type="info" showIcon title={t('settlement.rule')} />
        <SettlementNet report={data} />
        <Card size="small" title={t('settlement.pairs')}>
          <SettlementPairTable report={data} loading={isFetching} onOpen={setOpen} />
        </Card>
      </Flex>
      <SettlementRowsDrawer month={month} pair={open} onClose={() => setOpen(null)} />
    </>
  );
}
