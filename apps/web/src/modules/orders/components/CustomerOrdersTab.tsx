import { useState } from 'react';
import { Button, Col, Flex, Row, Statistic } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useCan } from '../../../shared/auth/access';
import { formatDate } from '../../../shared/format/date';
import { formatMoney } from '../../../shared/format/money';
import { useCustomerOrderStats } from '../api';
import { OrderTable } from '../list/OrderTable';

/** The 订单 tab of the customer 360 view: how many orders, how much spent (after returns), and the orders themselves. */
export function CustomerOrdersTab({ customerId }: { customerId: string }) {
  const { t } = useTranslation('orders');
  const navigate = useNavigate();
  const canCreate = useCan('orders:create');
  const { data: stats } = useCustomerOrderStats(customerId);
  const [limit, setLimit] = useState(20);
  return (
    <div data-testid="customer-orders">
      <Flex justify="space-between" align="flex-start" wrap gap={16} style={{ marginBottom: 16 }}>
        <Row gutter={32} style={{ flex: 1 }}>
          <Col>
            <Statistic title={t('customerTab.count')} value={stats?.orderCount ?? 0} data-testid="customer-order-count" />
          </Col>
          <Col>
            <Statistic title={t('customerTab.spent')} value={formatMoney(stats?.totalSpentFen ?? 0)} data-testid="customer-order-spent" />
          </Col>
          <Col>
            <Statistic title={t('customerTab.lastOrder')} value={formatDate(stats?.lastOrderAt) || '—'} />
          </Col>
        </Row>
        {canCreate ? (
          <Button icon={<PlusOutlined />} onClick={() => navigate(`/orders/new?customerId=${customerId}`)} data-testid="customer-order-create">
            {t('customerTab.create')}
          </Button>
        ) : null}
      </Flex>
      <OrderTable filters={{ customerId }} limit={limit} onLimitChange={setLimit} emptyText={t('list.emptyCreate')} hide={['customer']} testId="customer-order-table" />
    </div>
  );
}
