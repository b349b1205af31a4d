import { useEffect } from 'react';
import { Alert, Form, Input, InputNumber, Rate, Select, Table, Typography } from 'antd';
import { COMPLAINT_TYPES } from '@jiake/shared';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../shared/components/FormModal';
import { changedFields } from '../../../shared/forms/diff';
import { useRules } from '../../../shared/forms/rules';
import { formatMoney } from '../../../shared/format/money';
import { MoneyInput } from '../../catalogue';
import { type RequestDetail, useAssign, useAssignees, useChangeStatus, useConfirm, useLinkedOrder, useReopen, useResolve, useUpdateRequest } from '../api';
import { CauseInput, cleanValues, RequestFields } from '../form/RequestFields';

interface ModalProps {
  request: RequestDetail;
  open: boolean;
  onClose: () => void;
}

const UNASSIGNED = '__queue__';

/** 分派: the users who may serve the request's store, or back to the store queue. */
export function AssignModal({ request, open, onClose }: ModalProps) {
  const { t } = useTranslation('requests');
  const [form] = Form.useForm<{ assigneeId: string; note?: string }>();
  const candidates = useAssignees(request.id, open);
  const assign = useAssign();
  useEffect(() => {
    if (open) form.setFieldsValue({ assigneeId: request.assigneeId ?? UNASSIGNED, note: undefined });
  }, [open, request.assigneeId, form]);
  return (
    <FormModal
      open={open}
      title={t('action.assignTitle')}
      form={form}
      onClose={onClose}
      saving={assign.isPending}
      success={t('action.done')}
      onSubmit={(v) => assign.mutateAsync({ id: request.id, body: { assigneeId: v.assigneeId === UNASSIGNED ? null : v.assigneeId, note: v.note?.trim() || null } })}
    >
      <Form.Item name="assigneeId" label={t('field.assignee')}>
        <Select
          loading={candidates.isLoading}
          showSearch={{ optionFilterProp: 'label' }}
          options={[
            { value: UNASSIGNED, label: t('action.unassign') },
            ...(candidates.data ?? []).map((u) => ({ value: u.id, label: `${u.displayName}${u.unitName ? ` · ${u.unitName}` : ''}` })),
          ]}
          data-testid="assign-select"
        />
      </Form.Item>
      <Form.Item name="note" label={t('action.assignNote')}>
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
    </FormModal>
  );
}

interface ResolveValues {
  resolution: string;
  cause?: string;
  quantities?: Record<string, number | null>;
  refundFen?: number | null;
}

/** 解决: the resolution, the cause of a complaint, and for returns/exchanges the order lines that come back. */
export function ResolveModal({ request, open, onClose }: ModalProps) {
  const { t } = useTranslation('requests');
  const rules = useRules();
  const [form] = Form.useForm<ResolveValues>();
  const resolve = useResolve();
  const withLines = request.type === 'return' || request.type === 'exchange';
  const order = useLinkedOrder(request.id, open && withLines && !!request.orderId);
  const complaint = (COMPLAINT_TYPES as readonly string[]).includes(request.type);
  useEffect(() => {
    if (open) form.setFieldsValue({ resolution: '', cause: request.cause ?? undefined, quantities: {}, refundFen: null });
  }, [open, request.cause, form]);
  const submit = (v: ResolveValues) => {
    const returnLines = Object.entries(v.quantities ?? {})
      .filter(([, q]) => !!q && q > 0)
      .map(([lineId, quantity]) => ({ lineId, quantity: quantity as number }));
    return resolve.mutateAsync({
      id: request.id,
      body: {
        resolution: v.resolution.trim(),
        cause: v.cause?.trim() || null,
        ...(withLines && returnLines.length ? { returnLines } : {}),
        ...(request.type === 'return' && typeof v.refundFen === 'number' ? { refundFen: v.refundFen } : {}),
      },
    });
  };
  return (
    <FormModal
      open={open}
      title={t('action.resolveTitle')}
      form={form}
      onClose={onClose}
      saving={resolve.isPending}
      success={t('action.done')}
      width={withLines ? 760 : 560}
      onSubmit={submit}
      errors={{ mapName: (name) => (name[0] === 'returnLines' ? ['quantities'] : name) }}
    >
      <Form.Item name="resolution" label={t('field.resolution')} rules={[rules.required(t('field.resolution')), rules.max(5000)]}>
        <Input.TextArea rows={3} data-testid="resolve-resolution" />
      </Form.Item>
      <Form.Item name="cause" label={t('field.cause')} rules={complaint ? [rules.required(t('field.cause'))] : []}>
        <CauseInput />
      </Form.Item>
      {withLines ? (
        <>
          {request.type === 'exchange' ? <Alert type="info" showIcon title={t('action.exchangeHint')} style={{ marginBottom: 12 }} /> : null}
          <Form.Item name="quantities" label={t('detail.returnLines')}>
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              loading={order.isLoading}
              dataSource={order.data?.lines ?? []}
              data-testid="resolve-lines"
              columns={[
                { key: 'name', title: t('field.subject'), render: (_, l) => `${l.name}${l.sku ? ` (${l.sku})` : ''}` },
                { key: 'amount', title: '¥', render: (_, l) => formatMoney(l.amountFen) },
                {
                  key: 'qty',
                  title: t('action.returnQty'),
                  render: (_, l) => (
                    <Form.Item name={['quantities', l.id]} noStyle>
                      <InputNumber min={0} max={l.returnableQuantity} precision={0} disabled={!l.returnableQuantity} placeholder={t('action.returnable', { n: l.returnableQuantity })} />
                    </Form.Item>
                  ),
                },
              ]}
            />
          </Form.Item>
          {request.type === 'return' ? (
            <Form.Item name="refundFen" label={t('detail.refund')} extra={t('action.refundHint')}>
              <MoneyInput style={{ width: 200 }} testId="resolve-refund" />
            </Form.Item>
          ) : null}
        </>
      ) : null}
    </FormModal>
  );
}

/** 客户确认: the customer's satisfaction (1–5) closes the resolved request. */
export function ConfirmModal({ request, open, onClose }: ModalProps) {
  const { t } = useTranslation('requests');
  const rules = useRules();
  const [form] = Form.useForm<{ satisfaction: number; comment?: string }>();
  const confirm = useConfirm();
  return (
    <FormModal
      open={open}
      title={t('action.confirmTitle')}
      form={form}
      onClose={onClose}
      saving={confirm.isPending}
      success={t('action.done')}
      onSubmit={(v) => confirm.mutateAsync({ id: request.id, body: { satisfaction: v.satisfaction, comment: v.comment?.trim() || null } })}
    >
      {request.resolution ? <Typography.Paragraph type="secondary">{request.resolution}</Typography.Paragraph> : null}
      <Form.Item name="satisfaction" label={t('field.satisfaction')} rules={[rules.requiredSelect(t('field.satisfaction'))]}>
        <Rate data-testid="confirm-satisfaction" />
      </Form.Item>
      <Form.Item name="comment" label={t('field.comment')} rules={[rules.max(1000)]}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </FormModal>
  );
}

/** A reason, then the action: reopening a resolved request, or cancelling an open one. */
export function ReasonModal({ request, open, onClose, kind }: ModalProps & { kind: 'reopen' | 'cancel' }) {
  const { t } = useTranslation('requests');
  const rules = useRules();
  const [form] = Form.useForm<{ reason: string }>();
  const reopen = useReopen();
  const status = useChangeStatus();
  const label = t(kind === 'reopen' ? 'action.reopenReason' : 'action.cancelReason');
  return (
    <FormModal
      open={open}
      title={t(kind === 'reopen' ? 'action.reopenTitle' : 'action.cancelTitle')}
      form={form}
      onClose={onClose}
      saving={reopen.isPending || status.isPending}
      success={t('action.done')}
      onSubmit={(v) =>
        kind === 'reopen'
          ? reopen.mutateAsync({ id: request.id, body: { reason: v.reason.trim() } })
          : status.mutateAsync({ id: request.id, body: { status: 'cancelled', reason: v.reason.trim() } })
      }
    >
      <Form.Item name="reason" label={label} rules={[rules.required(label), rules.max(1000)]}>
        <Input.TextArea rows={3} data-testid="reason-input" />
      </Form.Item>
    </FormModal>
  );
}

const EDITABLE = ['type', 'priority', 'subject', 'description', 'customerId', 'contactName', 'contactPhone', 'orderId', 'storeId', 'cause', 'productId', 'categoryId'] as const;

/** 编辑: only changed fields are sent; a new type or priority recomputes the SLA on the server. */
export function EditModal({ request, open, onClose }: ModalProps) {
  const { t } = useTranslation('requests');
  const [form] = Form.useForm<Record<string, unknown>>();
  const update = useUpdateRequest();
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(Object.fromEntries(EDITABLE.map((k) => [k, request[k] ?? undefined])));
  }, [open, request, form]);
  return (
    <FormModal
      open={open}
      title={t('action.editTitle')}
      form={form}
      onClose={onClose}
      saving={update.isPending}
      width={720}
      onSubmit={async (v) => {
        const patch = changedFields<Record<string, unknown>>(request, cleanValues(v, null));
        if (Object.keys(patch).length) await update.mutateAsync({ id: request.id, body: patch });
      }}
    >
      <RequestFields mode="edit" />
    </FormModal>
  );
}
