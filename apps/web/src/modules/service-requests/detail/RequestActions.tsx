import { useState } from 'react';
import { App, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../shared/api/errors';
import { type RequestDetail, useChangeStatus } from '../api';
import { AssignModal, ConfirmModal, EditModal, ReasonModal, ResolveModal } from './ActionModals';

type Open = 'assign' | 'resolve' | 'confirm' | 'reopen' | 'cancel' | 'edit' | null;
const OPEN = ['new', 'assigned', 'in_progress', 'awaiting_customer'];

/** The actions a request's status allows: assign, start/take, wait for the customer, resolve, confirm, reopen, cancel. */
export function RequestActions({ request }: { request: RequestDetail }) {
  const { t } = useTranslation('requests');
  const { message } = App.useApp();
  const [open, setOpen] = useState<Open>(null);
  const status = useChangeStatus();
  const s = request.status;
  const move = async (to: 'in_progress' | 'awaiting_customer') => {
    try {
      await status.mutateAsync({ id: request.id, body: { status: to } });
      message.success(t('action.done'));
    } catch (e) {
      message.error(errorText(e));
    }
  };
  const close = () => setOpen(null);
  const button = (key: string, text: string, onClick: () => void, primary = false) => (
    <Button key={key} type={primary ? 'primary' : 'default'} onClick={onClick} loading={status.isPending && (key === 'start' || key === 'await')} data-testid={`action-${key}`}>
      {text}
    </Button>
  );
  const buttons = [];
  if (OPEN.includes(s)) buttons.push(button('assign', t('action.assign'), () => setOpen('assign')));
  if (s === 'new') buttons.push(button('start', t('action.take'), () => move('in_progress')));
  if (s === 'assigned') buttons.push(button('start', t('action.start'), () => move('in_progress')));
  if (s === 'awaiting_customer') buttons.push(button('start', t('action.resume'), () => move('in_progress')));
  if (s === 'in_progress' || s === 'assigned') buttons.push(button('await', t('action.await'), () => move('awaiting_customer')));
  if (OPEN.includes(s)) buttons.push(button('resolve', t('action.resolve'), () => setOpen('resolve'), true));
  if (s === 'resolved') {
    buttons.push(button('confirm', t('action.confirm'), () => setOpen('confirm'), true));
    buttons.push(button('reopen', t('action.reopen'), () => setOpen('reopen')));
  }
  if (s !== 'closed' && s !== 'cancelled') buttons.push(button('edit', t('action.edit'), () => setOpen('edit')));
  if (OPEN.includes(s)) buttons.push(button('cancel', t('action.cancel'), () => setOpen('cancel')));
  return (
    <>
      {buttons}
      <AssignModal request={request} open={open === 'assign'} onClose={close} />
      <ResolveModal request={request} open={open === 'resolve'} onClose={close} />
      <ConfirmModal request={request} open={open === 'confirm'} onClose={close} />
      <ReasonModal request={request} open={open === 'reopen'} onClose={close} kind="reopen" />
      <ReasonModal request={request} open={open === 'cancel'} onClose={close} kind="cancel" />
      <EditModal request={request} open={open === 'edit'} onClose={close} />
    </>
  );
}
