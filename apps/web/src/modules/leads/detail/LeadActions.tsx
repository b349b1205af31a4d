import { useState } from 'react';
import { App, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../shared/api/errors';
import { useCan } from '../../../shared/auth/access';
import { type LeadFull, useLeadStatus } from '../api';
import { AssignModal, CloseLeadModal, EditLeadModal } from './LeadModals';
import { ConvertModal } from './ConvertModal';
import { LeadHistory } from './LeadHistory';

type Open = 'edit' | 'assign' | 'lost' | 'invalid' | 'convert' | null;

/** What the lead's status and the user's rights allow: follow, edit, assign, lose, invalidate, convert, reopen; history always. */
export function LeadActions({ lead }: { lead: LeadFull }) {
  const { t } = useTranslation('leads');
  const { message } = App.useApp();
  const canEdit = useCan('leads:edit');
  const canAssign = useCan('leads:assign');
  const canConvert = useCan('leads:convert');
  const status = useLeadStatus();
  const [open, setOpen] = useState<Open>(null);
  const close = () => setOpen(null);
  const s = lead.status;
  const isOpen = s === 'new' || s === 'following';
  const follow = async () => {
    try {
      await status.mutateAsync({ id: lead.id, body: { status: 'following' } });
      message.success(t('action.done'));
    } catch (e) {
      message.error(errorText(e));
    }
  };
  const button = (key: string, text: string, onClick: () => void, primary = false) => (
    <Button key={key} type={primary ? 'primary' : 'default'} onClick={onClick} loading={key === 'follow' && status.isPending} data-testid={`lead-action-${key}`}>
      {text}
    </Button>
  );
  const buttons = [];
  if (canEdit && s === 'new') buttons.push(button('follow', t('action.follow'), follow));
  if (canEdit && (s === 'lost' || s === 'invalid')) buttons.push(button('follow', t('action.reopen'), follow));
  if (canAssign && isOpen) buttons.push(button('assign', lead.assigneeId ? t('action.reassign') : t('action.assign'), () => setOpen('assign')));
  if (canEdit && s !== 'converted') buttons.push(button('edit', t('action.edit'), () => setOpen('edit')));
  if (canEdit && isOpen) buttons.push(button('lost', t('action.markLost'), () => setOpen('lost')), button('invalid', t('action.markInvalid'), () => setOpen('invalid')));
  if (canConvert && isOpen) buttons.push(button('convert', t('action.convert'), () => setOpen('convert'), true));
  return (
    <>
      {buttons}
      <LeadHistory lead={lead} />
      <EditLeadModal lead={lead} open={open === 'edit'} onClose={close} />
      <AssignModal lead={lead} open={open === 'assign'} onClose={close} />
      <CloseLeadModal lead={lead} open={open === 'lost'} onClose={close} status="lost" />
      <CloseLeadModal lead={lead} open={open === 'invalid'} onClose={close} status="invalid" />
      <ConvertModal lead={lead} open={open === 'convert'} onClose={close} />
    </>
  );
}
