import { Tag } from 'antd';
import type { OrderStatus } from '@jiake/shared';
import { useTranslation } from 'react-i18next';

const COLORS: Record<OrderStatus, string> = {
  draft: 'default',
  confirmed: 'blue',
  paid: 'cyan',
  delivered: 'geekblue',
  completed: 'green',
  cancelled: 'red',
  partially_returned: 'orange',
  returned: 'volcano',
};

/** The order's status as a coloured tag (草稿, 已付款 …). */
export function OrderStatusTag({ status }: { status: OrderStatus }) {
  const { t } = useTranslation('orders');
  return (
    <Tag color={COLORS[status]} data-testid="order-status" data-status={status}>
      {t(`status.${status}`)}
    </Tag>
  );
}
