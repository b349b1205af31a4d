import { useEffect } from 'react';
import { App, Col, Divider, Form, Radio, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../shared/components/FormModal';
import { useCan } from '../../../shared/auth/access';
import { useCurrentUser } from '../../../shared/auth/me';
import { StoreSelect } from '../../org';
import { UserSelect } from '../../users';
import { type Captured, useCreateLead } from '../api';
import { LeadFields } from './LeadFields';
import { NeedsFields } from './NeedsFields';
import { type LeadValues, leadFromForm, mapLeadIssue, type NeedsValues, needsFromForm } from './leadValues';

type AssignMode = 'auto' | 'me' | 'queue' | 'user';
type Values = LeadValues & { storeId?: string | null; assignMode: AssignMode; assigneeId?: string | null; needs?: Partial<NeedsValues> };

/**
 * 新建线索: who, how to reach them, the source, the store, how to assign (the rules, oneself, the queue, or — with
 * leads:assign — a person) and the needs profile. The answer says whom the lead went to and whether it looks like a
 * customer or lead already known.
 */
export function NewLeadModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (l: Captured) => void }) {
  const { t } = useTranslation('leads');
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateLead();
  const canAssign = useCan('leads:assign');
  const me = useCurrentUser();
  const mode = Form.useWatch('assignMode', form);
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ phones: [''], source: 'store_walk_in', assignMode: canAssign ? 'auto' : 'me', needs: { rooms: [], styles: [], productTags: [], categoryIds: [] } });
  }, [open, form, canAssign]);
  const submit = async (v: Values) => {
    const body = leadFromForm(v);
    if (!body.phones.length && !body.wechat) {
      form.setFields([{ name: ['phones', 0], errors: [t('form.contactRequired')] }]);
      return false;
    }
    const assigneeId = v.assignMode === 'me' ? me?.user.id : v.assignMode === 'queue' ? null : v.assignMode === 'user' ? v.assigneeId : undefined;
    const lead = await create.mutateAsync({ ...body, storeId: v.storeId ?? undefined, ...(assigneeId !== undefined ? { assigneeId } : {}), needs: needsFromForm(v.needs) });
    message.success(lead.assigneeName ? t('form.assignedTo', { name: lead.assigneeName }) : t('form.queued'));
    if (lead.duplicates.length) message.warning(t('form.duplicatesFound', { count: lead.duplicates.length }));
    onCreated(lead);
  };
  return (
    <FormModal<Values>
      open={open}
      title={t('form.title')}
      form={form}
      onClose={onClose}
      saving={create.isPending}
      success={null}
      width={820}
      onSubmit={submit}
      errors={{ mapName: mapLeadIssue }}
    >
      <LeadFields />
      <Divider titlePlacement="start">{t('form.assignSection')}</Divider>
      <Row gutter={12}>
        <Col xs={24} md={10}>
          <Form.Item name="storeId" label={t('field.store')}>
            <StoreSelect testId="lead-store" />
          </Form.Item>
        </Col>
        <Col xs={24} md={14}>
          <Form.Item name="assignMode" label={t('form.assignMode')}>
            <Radio.Group
              data-testid="lead-assign-mode"
              options={[
                ...(canAssign ? [{ value: 'auto', label: t('form.assignAuto') }] : []),
                { value: 'me', label: t('form.assignMe') },
                ...(canAssign ? [{ value: 'queue', label: t('form.assignQueue') }, { value: 'user', label: t('form.assignUser') }] : []),
              ]}
            />
          </Form.Item>
        </Col>
      </Row>
      {mode === 'user' ? (
        <Form.Item name="assigneeId" label={t('field.assignee')} rules={[{ required: true, message: t('common:validation.requiredSelect', { label: t('field.assignee') }) }]}>
          <UserSelect testId="lead-assignee" />
        </Form.Item>
      ) : null}
      <Divider titlePlacement="start">{t('form.needsSection')}</Divider>
      <NeedsFields open={open} />
    </FormModal>
  );
}
