import { useEffect, useState } from 'react';
import { App, Button, DatePicker, Flex, Form, Input, Popconfirm, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { SalesActivityDto } from '@jiake/shared';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../shared/components/FormModal';
import { formatDateTime } from '../../../shared/format/date';
import { useRules } from '../../../shared/forms/rules';
import { UserSelect } from '../../users';
import { useActivityAction } from '../api';
import { actionErrorText, localiseIssues, useActivityLabels } from '../labels';

type Invitation = NonNullable<SalesActivityDto['invitation']>;
const STATUS_COLOR: Record<Invitation['status'], string> = { invited: 'processing', arrived: 'success', no_show: 'error', cancelled: 'default' };

interface Values {
  arrivedAt?: Dayjs;
  receivedById?: string | null;
  reason?: string;
}

/** 到店邀约: when and where the customer is invited; 已到店 (when, received by whom), 未到店 once the time has passed, 取消. */
export function InvitationBlock({ activity }: { activity: SalesActivityDto }) {
  const { t } = useTranslation('activities');
  const { message } = App.useApp();
  const rules = useRules();
  const { label } = useActivityLabels();
  const [form] = Form.useForm<Values>();
  const [modal, setModal] = useState<'arrived' | 'cancel' | null>(null);
  const action = useActivityAction();
  const inv = activity.invitation!;
  useEffect(() => {
    if (!modal) return;
    form.resetFields();
    if (modal === 'arrived') form.setFieldsValue({ arrivedAt: dayjs() });
  }, [modal, form]);

  const submit = (v: Values) =>
    action
      .mutateAsync(
        modal === 'arrived'
          ? { id: activity.id, action: 'invitation/arrived', body: { arrivedAt: v.arrivedAt?.toISOString(), ...(v.receivedById ? { receivedById: v.receivedById } : {}) } }
          : { id: activity.id, action: 'invitation/cancel', body: { reason: v.reason?.trim() || null } },
      )
      .catch(localiseIssues);
  const noShow = () =>
    action.mutateAsync({ id: activity.id, action: 'invitation/no-show' }).then(
      () => message.success(t('invitation.noShowSuccess')),
      (err) => message.error(actionErrorText(err)),
    );
  const timeCame = !dayjs(inv.invitedFor).isAfter(dayjs());

  return (
    <Flex vertical gap={4} data-testid="activity-invitation" data-status={inv.status}>
      <Flex gap={8} wrap align="center">
        <Tag color={STATUS_COLOR[inv.status]} data-testid="invitation-status">
          {label('invitationStatus', inv.status)}
        </Tag>
        <Typography.Text>{t('invitation.invitedFor', { time: formatDateTime(inv.invitedFor), store: inv.storeName ?? '' })}</Typography.Text>
      </Flex>
      {inv.arrivedAt ? <Typography.Text type="secondary">{t('invitation.arrivedAt', { time: formatDateTime(inv.arrivedAt), name: inv.receivedByName ?? '' })}</Typography.Text> : null}
      {inv.cancelReason ? <Typography.Text type="secondary">{t('invitation.cancelReason', { reason: inv.cancelReason })}</Typography.Text> : null}
      {activity.editable && inv.status === 'invited' ? (
        <Space size={6} wrap>
          <Button size="small" type="primary" onClick={() => setModal('arrived')} data-testid="invitation-arrived">
            {t('invitation.arrived')}
          </Button>
          <Popconfirm title={t('invitation.noShowConfirm')} onConfirm={noShow} disabled={!timeCame}>
            <Button size="small" disabled={!timeCame} data-testid="invitation-no-show">
              {t('invitation.noShow')}
            </Button>
          </Popconfirm>
          <Button size="small" onClick={() => setModal('cancel')} data-testid="invitation-cancel">
            {t('invitation.cancel')}
          </Button>
        </Space>
      ) : null}
      <FormModal<Values>
        open={modal !== null}
        title={t(modal === 'cancel' ? 'invitation.cancelTitle' : 'invitation.arrivedTitle')}
        form={form}
        onClose={() => setModal(null)}
        onSubmit={submit}
        saving={action.isPending}
        success={t(modal === 'cancel' ? 'invitation.cancelSuccess' : 'invitation.arrivedSuccess')}
        name={`invitation-${modal ?? 'arrived'}`}
      >
        {modal === 'cancel' ? (
          <Form.Item name="reason" label={t('invitation.reason')} rules={[rules.max(500)]}>
            <Input.TextArea rows={2} data-testid="invitation-cancel-reason" />
          </Form.Item>
        ) : (
          <>
            <Form.Item name="arrivedAt" label={t('invitation.arrivedTime')} rules={[rules.requiredSelect(t('invitation.arrivedTime'))]}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid="invitation-arrived-at" />
            </Form.Item>
            <Form.Item name="receivedById" label={t('invitation.receivedBy')} extra={t('invitation.receivedByHint')}>
              <UserSelect testId="invitation-received-by" />
            </Form.Item>
          </>
        )}
      </FormModal>
    </Flex>
  );
}
