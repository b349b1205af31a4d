import { Button, Flex, Spin, Tag } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { NotFoundResult } from '../../../shared/components/NotFoundResult';
import { PageHeader } from '../../../shared/components/PageHeader';
import { OrderFollowupSteps } from '../../order-followups';
import { useOrder } from '../api';
import { ChangesCard } from '../detail/ChangesCard';
import { OrderActions } from '../detail/OrderActions';
import { OrderInfo, OrderLines, OrderMoney } from '../detail/OrderOverview';
import { PaymentsCard } from '../detail/PaymentsCard';
import { ReturnsCard } from '../detail/ReturnsCard';
import { OrderStatusTag } from '../status';

/** An order: status and actions, money, details, lines, payments, change requests, returns, follow-up steps, history. */
export default function OrderDetailPage() {
  const { t } = useTranslation('orders');
  const { id } = useParams<{ id: string }>();
  const navigate = useNavigate();
  const { data: order, isLoading, isError } = useOrder(id);
  if (isLoading) {
    return (
      <Flex justify="center" style={{ padding: 64 }}>
        <Spin size="large" />
      </Flex>
    );
  }
  if (isError || !order) return <NotFoundResult title={t('detail.notFound')} backTo="/orders" backText={t('detail.backToList')} />;
  return (
    <div data-testid="order-detail">
      <Button
        type="link"
        icon={<ArrowLeftOutlined />}
        onClick={() => ((window.history.state as { idx?: number } | null)?.idx ? navigate(-1) : navigate('/orders'))}
        style={{ paddingInline: 0, marginBottom: 8 }}
      >
        {t('common:action.back')}
      </Button>
      <PageHeader
        title={
          <Flex gap={8} align="center">
            <span data-testid="order-no">{order.orderNo}</span>
            <OrderStatusTag status={order.status} />
            {order.source === 'erp' ? <Tag>{t('source.erp')}</Tag> : null}
          </Flex>
        }
        extra={<OrderActions order={order} />}
      />
      <OrderMoney order={order} />
      <OrderInfo order={order} />
      <OrderLines order={order} />
      <PaymentsCard order={order} />
      <ChangesCard order={order} />
      <ReturnsCard order={order} />
      <div style={{ marginBottom: 16 }}>
        <OrderFollowupSteps orderId={order.id} />
      </div>
    </div>
  );
}
