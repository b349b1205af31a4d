import { useState } from 'react';
import { App, Button, Popconfirm } from 'antd';
import { CalendarOutlined, CheckOutlined, EditOutlined, HistoryOutlined, StopOutlined } from '@ant-design/icons';
import { ORDER_STATUS_RULES, type OrderStatus } from '@jiake/shared';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { errorText } from '../../../shared/api/errors';
import { useCan } from '../../../shared/auth/access';
import { type Order, type OrderAction, useOrderAction } from '../api';
import { OrderHistoryDrawer } from './OrderHistoryDrawer';
import { ReasonModal } from './ReasonModal';
import { ScheduleModal } from './ScheduleModal';

/** The status moves the order can make now and the caller may do: confirm, schedule, deliver, complete, cancel; edit a draft; history. */
export function OrderActions({ order }: { order: Order }) {
  const { t } = useTranslation('orders');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const canEdit = useCan('orders:edit');
  const canCancel = useCan('orders:cancel');
  const act = useOrderAction(order.id);
  const [modal, setModal] = useState<'cancel' | 'schedule' | 'history' | null>(null);
  const s = order.status;
  const is = (k: keyof typeof ORDER_STATUS_RULES) => (ORDER_STATUS_RULES[k] as readonly OrderStatus[]).includes(s);
  const run = (action: OrderAction, done: string) =>
    act.mutateAsync({ action }).then(
      () => message.success(done),
      (e) => message.error(errorText(e)),
    );

  return (
    <>
      {canEdit && s === 'draft' ? (
        <Button icon={<EditOutlined />} onClick={() => navigate(`/orders/${order.id}/edit`)} data-testid="order-edit">
          {t('action.edit')}
        </Button>
      ) : null}
      {canEdit && s === 'draft' ? (
        <Popconfirm title={t('action.confirmAsk')} onConfirm={() => run('confirm', t('action.confirmed'))}>
          <Button type="primary" icon={<CheckOutlined />} disabled={!order.lines.length} data-testid="order-confirm">
            {t('action.confirm')}
          </Button>
        </Popconfirm>
      ) : null}
      {canEdit && is('changeable') && (!order.deliveryDate || s === 'draft') ? (
        <Button icon={<CalendarOutlined />} onClick={() => setModal('schedule')} data-testid="order-schedule">
          {t('action.schedule')}
        </Button>
      ) : null}
      {canEdit && s === 'paid' ? (
        <Popconfirm title={t('action.deliver')} onConfirm={() => run('deliver', t('action.delivered'))}>
          <Button type="primary" data-testid="order-deliver">
            {t('action.deliver')}
          </Button>
        </Popconfirm>
      ) : null}
      {canEdit && ['delivered', 'partially_returned'].includes(s) ? (
        <Popconfirm title={t('action.completeAsk')} onConfirm={() => run('complete', t('action.completed'))}>
          <Button data-testid="order-complete">{t('action.complete')}</Button>
        </Popconfirm>
      ) : null}
      {canCancel && is('cancellable') ? (
        <Button danger icon={<StopOutlined />} onClick={() => setModal('cancel')} data-testid="order-cancel">
          {t('action.cancel')}
        </Button>
      ) : null}
      <Button icon={<HistoryOutlined />} onClick={() => setModal('history')} data-testid="order-history-button">
        {t('detail.history')}
      </Button>
      <ReasonModal
        open={modal === 'cancel'}
        title={t('cancel.title')}
        label={t('cancel.reason')}
        required
        success={t('action.cancelled')}
        saving={act.isPending}
        onClose={() => setModal(null)}
        onSubmit={(reason) => act.mutateAsync({ action: 'cancel', body: { reason } })}
        testId="cancel-reason"
      />
      <ScheduleModal order={order} open={modal === 'schedule'} onClose={() => setModal(null)} />
      <OrderHistoryDrawer order={order} open={modal === 'history'} onClose={() => setModal(null)} />
    </>
  );
}
