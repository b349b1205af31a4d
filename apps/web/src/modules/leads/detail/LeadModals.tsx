import { useEffect } from 'react';
import { Alert, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../shared/components/FormModal';
import { useRules } from '../../../shared/forms/rules';
import { StoreSelect } from '../../org';
import { type LeadFull, useAssignLead, useLeadAssignees, useLeadStatus, useUpdateLead } from '../api';
import { LeadFields } from '../form/LeadFields';
import { NeedsFields } from '../form/NeedsFields';
import { type LeadValues, leadFromForm, leadToForm, mapLeadIssue, type NeedsValues, needsFromForm, needsToForm } from '../form/leadValues';

interface ModalProps {
  lead: LeadFull;
  open: boolean;
  onClose: () => void;
}

/** 编辑线索: person, contact, source and address. */
export function EditLeadModal({ lead, open, onClose }: ModalProps) {
  const { t } = useTranslation('leads');
  const [form] = Form.useForm<LeadValues>();
  const update = useUpdateLead();
  useEffect(() => {
    if (open) form.setFieldsValue(leadToForm(lead));
  }, [open, lead, form]);
  return (
    <FormModal<LeadValues>
      open={open}
      title={t('action.editTitle')}
      form={form}
      onClose={onClose}
      saving={update.isPending}
      width={820}
      errors={{ mapName: mapLeadIssue }}
      onSubmit={(v) => {
        const { sourceDetail, ...body } = leadFromForm(v);
        return update.mutateAsync({ id: lead.id, body: { ...body, sourceDetail: { ...sourceDetail, referringCustomerId: lead.sourceDetail.referringCustomerId } } });
      }}
    >
      <LeadFields />
    </FormModal>
  );
}

/** 编辑需求: the needs profile; saved as a whole. */
export function NeedsEditModal({ lead, open, onClose }: ModalProps) {
  const { t } = useTranslation('leads');
  const [form] = Form.useForm<{ needs: NeedsValues }>();
  const update = useUpdateLead();
  useEffect(() => {
    if (open) form.setFieldsValue({ needs: needsToForm(lead.needs) });
  }, [open, lead, form]);
  return (
    <FormModal<{ needs: NeedsValues }>
      open={open}
      title={t('needs.edit')}
      form={form}
      onClose={onClose}
      saving={update.isPending}
      width={760}
      onSubmit={(v) => update.mutateAsync({ id: lead.id, body: { needs: needsFromForm(v.needs) } })}
    >
      <NeedsFields open={open} />
    </FormModal>
  );
}

const QUEUE = '__queue__';
interface AssignValues {
  storeId?: string | null;
  assigneeId: string;
  reason?: string;
}

/** 分配 / 改派: a user who may take a lead of the (possibly new) store, or back to the queue; a reason when it changes hands. */
export function AssignModal({ lead, open, onClose }: ModalProps) {
  const { t } = useTranslation('leads');
  const rules = useRules();
  const [form] = Form.useForm<AssignValues>();
  const assign = useAssignLead();
  const storeId = Form.useWatch('storeId', form);
  const candidates = useLeadAssignees(lead.id, storeId ?? lead.storeId, open);
  const assigneeId = Form.useWatch('assigneeId', form);
  const needsReason = !!lead.assigneeId && assigneeId !== lead.assigneeId;
  useEffect(() => {
    if (open) form.setFieldsValue({ storeId: lead.storeId, assigneeId: lead.assigneeId ?? QUEUE, reason: undefined });
  }, [open, lead, form]);
  return (
    <FormModal<AssignValues>
      open={open}
      title={t('action.assignTitle')}
      form={form}
      onClose={onClose}
      saving={assign.isPending}
      success={t('action.done')}
      onSubmit={(v) =>
        assign.mutateAsync({
          id: lead.id,
          body: {
            assigneeId: v.assigneeId === QUEUE ? null : v.assigneeId,
            ...(v.storeId && v.storeId !== lead.storeId ? { storeId: v.storeId } : {}),
            reason: v.reason?.trim() || null,
          },
        })
      }
    >
      <Form.Item name="storeId" label={t('action.assignStore')}>
        <StoreSelect testId="assign-store" onChange={(v) => form.setFieldsValue({ storeId: v ?? null, assigneeId: QUEUE })} />
      </Form.Item>
      <Form.Item name="assigneeId" label={t('action.assignee')}>
        <Select
          loading={candidates.isLoading}
          showSearch={{ optionFilterProp: 'label' }}
          options={[
            { value: QUEUE, label: t('action.unassign') },
            ...(candidates.data ?? []).map((u) => ({
              value: u.id,
              label: `${u.displayName}${u.unitName ? ` · ${u.unitName}` : ''} · ${t('action.openLeads', { count: u.openLeads })}`,
            })),
          ]}
          data-testid="assign-select"
        />
      </Form.Item>
      <Form.Item name="reason" label={t('action.reason')} extra={t('action.reasonHint')} rules={needsReason ? [rules.required(t('action.reason')), rules.max(300)] : [rules.max(300)]}>
        <Input.TextArea rows={2} data-testid="assign-reason" />
      </Form.Item>
    </FormModal>
  );
}

/** 标记流失 (a reason is required) / 标记无效. */
export function CloseLeadModal({ lead, open, onClose, status }: ModalProps & { status: 'lost' | 'invalid' }) {
  const { t } = useTranslation('leads');
  const rules = useRules();
  const [form] = Form.useForm<{ reason?: string }>();
  const change = useLeadStatus();
  const label = status === 'lost' ? t('action.lostReason') : t('action.invalidReason');
  return (
    <FormModal<{ reason?: string }>
      open={open}
      title={status === 'lost' ? t('action.lostTitle') : t('action.invalidTitle')}
      form={form}
      onClose={onClose}
      saving={change.isPending}
      success={t('action.done')}
      intro={lead.assigneeName ? <Alert type="info" showIcon title={`${t('field.assignee')}${t('common:colon')}${lead.assigneeName}`} style={{ marginBottom: 12 }} /> : null}
      onSubmit={(v) => change.mutateAsync({ id: lead.id, body: { status, reason: v.reason?.trim() || null } })}
    >
      <Form.Item name="reason" label={label} rules={status === 'lost' ? [rules.required(label), rules.max(300)] : [rules.max(300)]}>
        <Input.TextArea rows={3} data-testid="close-reason" />
      </Form.Item>
    </FormModal>
  );
}
