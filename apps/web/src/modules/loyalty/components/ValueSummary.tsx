import { useState } from 'react';
import { Card, Col, DatePicker, Flex, Row, Statistic, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { DATE_FORMAT } from '../../../shared/format/date';
import { formatMoney } from '../../../shared/format/money';
import { type ValueSummary as Summary, useValueSummary } from '../value.api';

type StoreRow = Summary['byStore'][number];

/**
 * 储值汇总: the liability (every balance of the caller's members, whatever the period) and the period's top-ups,
 * bonuses, spends, cancels and refunds at the caller's stores, in total and per store. This month by default.
 */
export function ValueSummary() {
  const { t } = useTranslation('loyalty');
  const [range, setRange] = useState<{ from?: string; to?: string }>({});
  const { data, isFetching } = useValueSummary(range);
  const day = (v: string | undefined) => (v ? dayjs(v) : null);
  const p = data?.period;
  const money = (fen: number | undefined, testId: string, title: string, count?: number) => (
    <Col xs={12} md={8} xl={4}>
      <Statistic title={title} value={formatMoney(fen ?? 0)} data-testid={testId} />
      {count !== undefined ? <Typography.Text type="secondary">{t('value.page.count', { count })}</Typography.Text> : null}
    </Col>
  );
  return (
    <Flex vertical gap={16}>
      <Card size="small" title={t('value.page.liability')} data-testid="value-liability">
        <Row gutter={[16, 16]}>
          {money(data?.liability.balanceFen, 'value-liability-balance', t('value.panel.balance'))}
          {money(data?.liability.principalFen, 'value-liability-principal', t('value.panel.principal'))}
          {money(data?.liability.bonusFen, 'value-liability-bonus', t('value.panel.bonus'))}
        </Row>
        <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0' }}>
          {data ? `${t('value.page.accounts', { count: data.liability.accounts })} · ` : ''}
          {t('value.page.liabilityHelp')}
        </Typography.Paragraph>
      </Card>
      <Card
        size="small"
        title={t('value.page.summary')}
        data-testid="value-summary"
        extra={
          <Flex gap={8} wrap>
            <DatePicker
              value={day(range.from ?? data?.from)}
              onChange={(d) => setRange((r) => ({ ...r, from: d ? d.format(DATE_FORMAT) : undefined }))}
              placeholder={t('value.page.from')}
              data-testid="value-summary-from"
            />
            <DatePicker
              value={day(range.to ?? data?.to)}
              onChange={(d) => setRange((r) => ({ ...r, to: d ? d.format(DATE_FORMAT) : undefined }))}
              placeholder={t('value.page.to')}
              data-testid="value-summary-to"
            />
          </Flex>
        }
      >
        <Row gutter={[16, 16]}>
          {money(p?.topUpFen, 'value-summary-topups', t('value.page.topUps'), p?.topUps)}
          {money(p?.bonusFen, 'value-summary-bonus', t('value.page.bonusGiven'))}
          {money(p?.spendFen, 'value-summary-spends', t('value.page.spends'), p?.spends)}
          {money(p?.cancelledFen, 'value-summary-cancelled', t('value.page.cancelled'))}
          {money(p?.refundFen, 'value-summary-refunds', t('value.page.refunds'), p?.refunds)}
          {money(p?.forfeitedBonusFen, 'value-summary-forfeited', t('value.page.forfeited'))}
        </Row>
        <Typography.Paragraph type="secondary" style={{ margin: '12px 0' }}>
          {t('value.page.periodHelp')}
        </Typography.Paragraph>
        <Table<StoreRow>
          rowKey={(r) => r.storeId ?? '-'}
          size="small"
          loading={isFetching}
          pagination={false}
          dataSource={data?.byStore ?? []}
          locale={{ emptyText: t('value.page.emptyStores') }}
          scroll={{ x: 'max-content' }}
          data-testid="value-summary-stores"
          columns={[
            { title: t('value.page.store'), dataIndex: 'storeName', render: (v: string | null) => v ?? t('value.page.noStore') },
            { title: t('value.page.topUps'), dataIndex: 'topUpFen', align: 'right', render: (v: number) => formatMoney(v) },
            { title: t('value.page.bonusGiven'), dataIndex: 'bonusFen', align: 'right', render: (v: number) => formatMoney(v) },
            { title: t('value.page.spends'), dataIndex: 'spendFen', align: 'right', render: (v: number) => formatMoney(v) },
            { title: t('value.page.cancelled'), dataIndex: 'cancelledFen', align: 'right', render: (v: number) => formatMoney(v) },
            { title: t('value.page.refunds'), dataIndex: 'refundFen', align: 'right', render: (v: number) => formatMoney(v) },
            { title: t('value.page.forfeited'), dataIndex: 'forfeitedBonusFen', align: 'right', render: (v: number) => formatMoney(v) },
          ]}
        />
      </Card>
    </Flex>
  );
}
