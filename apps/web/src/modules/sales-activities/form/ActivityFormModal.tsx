import { useEffect } from 'react';
import { App, Col, DatePicker, Divider, Form, Input, Row, Select, type UploadFile } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import {
  ACTIVITY_OUTCOMES, MESSAGE_CHANNELS, VISIT_TYPES, type ActivityKind, type CreateActivityInput, type FurnitureSeenValue, type RoomMeasurementValue,
  type SalesActivityDto, type UpdateActivityInput,
} from '@jiake/shared';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../shared/components/FormModal';
import { useRules } from '../../../shared/forms/rules';
import { MoneyInput } from '../../catalogue';
import { StoreSelect } from '../../org';
import { type ActivitySubject, uploadFiles, useCreateActivity, useRefreshActivities, useUpdateActivity } from '../api';
import { actionErrorText, localiseIssues, useActivityLabels } from '../labels';
import { FilePicker, filesOf, pickedFiles } from './FilePicker';
import { FurnitureEditor } from './FurnitureEditor';
import { RoomsEditor } from './RoomsEditor';
import { uploadFailures } from './upload-report';

interface Values {
  occurredAt: Dayjs;
  outcome?: string | null;
  notes?: string;
  channel?: string;
  visitType?: string;
  address?: string;
  rooms?: RoomMeasurementValue[];
  furnitureSeen?: FurnitureSeenValue[];
  title?: string;
  summary?: string;
  amountFen?: number | null;
  invitedFor?: Dayjs;
  invitedStoreId?: string;
  nextStepText?: string;
  nextStepDueAt?: Dayjs | null;
  files?: UploadFile[];
}

/** Kinds whose outcome must be given (the server says the same). */
const OUTCOME_REQUIRED: ActivityKind[] = ['call', 'visit'];
const DATE_TIME = 'YYYY-MM-DD HH:mm';

/** Server issue paths onto this form's fields. */
const mapName = (name: (string | number)[]) => (name[0] === 'nextStep' ? [name[1] === 'text' ? 'nextStepText' : 'nextStepDueAt'] : name);

function initialValues(a: SalesActivityDto | undefined, kind: ActivityKind): Partial<Values> {
  if (!a) return { occurredAt: dayjs(), outcome: kind === 'message' ? 'sent' : undefined, visitType: kind === 'visit' ? 'measure' : undefined, rooms: [], furnitureSeen: [] };
  return {
    occurredAt: dayjs(a.occurredAt),
    outcome: a.outcome,
    notes: a.notes ?? undefined,
    channel: a.message?.channel,
    visitType: a.visit?.visitType,
    address: a.visit?.address ?? undefined,
    rooms: a.visit?.rooms ?? [],
    furnitureSeen: a.visit?.furnitureSeen ?? [],
    title: a.proposal?.title,
    invitedFor: a.invitation ? dayjs(a.invitation.invitedFor) : undefined,
    invitedStoreId: a.invitation?.storeId ?? undefined,
    nextStepText: a.nextStep && !a.nextStep.doneAt ? a.nextStep.text : undefined,
    nextStepDueAt: a.nextStep && !a.nextStep.doneAt ? dayjs(a.nextStep.dueAt) : undefined,
  };
}

/** The fields of one kind, as the API takes them. */
function kindFields(kind: ActivityKind, v: Values, creating: boolean) {
  switch (kind) {
    case 'message':
      return { channel: v.channel };
    case 'visit':
      return { visitType: v.visitType, address: v.address?.trim() || null, rooms: v.rooms ?? [], furnitureSeen: v.furnitureSeen ?? [] };
    case 'proposal':
      return { title: v.title?.trim(), ...(creating ? { summary: v.summary?.trim() || null, amountFen: v.amountFen ?? null } : {}) };
    case 'invitation':
      return { invitedFor: v.invitedFor?.toISOString(), ...(v.invitedStoreId ? { invitedStoreId: v.invitedStoreId } : {}) };
    default:
      return {};
  }
}

interface Props {
  subject: ActivitySubject;
  /** The kind to log; with `activity`, the activity to change. */
  kind: ActivityKind | null;
  activity?: SalesActivityDto;
  onClose: () => void;
}

/**
 * Log (or change) one follow-up activity: when, the outcome, notes, the fields of its kind — rooms measured and the
 * furniture seen on a visit, a proposal's first version, an invitation's time and store — the next step, and photos.
 */
export function ActivityFormModal({ subject, kind, activity, onClose }: Props) {
  const { t } = useTranslation('activities');
  const { message } = App.useApp();
  const rules = useRules();
  const { label, outcome } = useActivityLabels();
  const [form] = Form.useForm<Values>();
  const create = useCreateActivity();
  const update = useUpdateActivity();
  const refresh = useRefreshActivities();
  const open = kind !== null;
  const k: ActivityKind = kind ?? 'call';
  const editing = !!activity;
  const hasNextStep = !!Form.useWatch('nextStepText', form)?.trim();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(initialValues(activity, k));
  }, [open, activity, k, form]);

  const submit = async (v: Values) => {
    const nextStep = v.nextStepText?.trim() && v.nextStepDueAt ? { text: v.nextStepText.trim(), dueAt: v.nextStepDueAt.toISOString() } : null;
    const common = { occurredAt: v.occurredAt.toISOString(), outcome: v.outcome ?? null, notes: v.notes?.trim() || null };
    try {
      const saved = editing
        ? await update.mutateAsync({
            id: activity.id,
            body: {
              ...common,
              ...kindFields(k, v, false),
              ...(activity.nextStep?.doneAt ? {} : { nextStep }),
            } as UpdateActivityInput,
          })
        : await create.mutateAsync({ subjectType: subject.kind, subjectId: subject.id, kind: k, ...common, ...kindFields(k, v, true), nextStep } as CreateActivityInput);
      const files = filesOf(v.files);
      if (files.length) {
        const version = saved.proposal?.versions[saved.proposal.versions.length - 1];
        const failed = await uploadFiles(k === 'proposal' && version ? 'proposalVersion' : 'salesActivity', k === 'proposal' && version ? version.id : saved.id, files);
        for (const text of uploadFailures(failed)) message.error(text);
        await refresh();
      }
    } catch (err) {
      if (err && typeof err === 'object' && 'code' in err && err.code === 'conflict') {
        message.error(actionErrorText(err));
        return false;
      }
      localiseIssues(err);
    }
  };

  const required = (field: string) => rules.requiredSelect(t(`form.${field}`));
  return (
    <FormModal<Values>
      open={open}
      title={t(editing ? 'form.editHeading' : 'form.heading', { kind: label('kind', k) })}
      form={form}
      onClose={onClose}
      onSubmit={submit}
      saving={create.isPending || update.isPending}
      width={k === 'visit' ? 880 : 620}
      errors={{ mapName }}
      name={`activity-${k}`}
    >
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="occurredAt" label={t('form.occurredAt')} rules={[required('occurredAt')]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format={DATE_TIME} style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid="activity-occurred-at" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="outcome" label={t('form.outcome')} rules={OUTCOME_REQUIRED.includes(k) ? [required('outcome')] : []}>
            <Select
              allowClear={!OUTCOME_REQUIRED.includes(k)}
              options={ACTIVITY_OUTCOMES[k].map((c) => ({ value: c, label: outcome(k, c) }))}
              data-testid="activity-outcome"
            />
          </Form.Item>
        </Col>
      </Row>
      {k === 'message' ? (
        <Form.Item name="channel" label={t('form.channel')} rules={[required('channel')]}>
          <Select options={MESSAGE_CHANNELS.map((c) => ({ value: c, label: label('channel', c) }))} data-testid="activity-channel" />
        </Form.Item>
      ) : null}
      {k === 'visit' ? (
        <>
          <Row gutter={12}>
            <Col span={8}>
              <Form.Item name="visitType" label={t('form.visitType')} rules={[required('visitType')]}>
                <Select options={VISIT_TYPES.map((c) => ({ value: c, label: label('visitType', c) }))} data-testid="activity-visit-type" />
              </Form.Item>
            </Col>
            <Col span={16}>
              <Form.Item name="address" label={t('form.address')} rules={[rules.max(300)]}>
                <Input data-testid="activity-address" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item label={t('form.rooms')}>
            <RoomsEditor />
          </Form.Item>
          <Form.Item label={t('form.furnitureSeen')}>
            <FurnitureEditor />
          </Form.Item>
        </>
      ) : null}
      {k === 'proposal' ? (
        <>
          <Form.Item name="title" label={t('form.proposalTitle')} rules={[rules.required(t('form.proposalTitle')), rules.max(200)]}>
            <Input data-testid="activity-proposal-title" />
          </Form.Item>
          {!editing ? (
            <Row gutter={12}>
              <Col span={16}>
                <Form.Item name="summary" label={t('form.summary')} rules={[rules.max(5000)]}>
                  <Input.TextArea rows={2} data-testid="activity-proposal-summary" />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="amountFen" label={t('form.amount')}>
                  <MoneyInput testId="activity-proposal-amount" />
                </Form.Item>
              </Col>
            </Row>
          ) : null}
        </>
      ) : null}
      {k === 'invitation' ? (
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="invitedFor" label={t('form.invitedFor')} rules={[required('invitedFor')]}>
              <DatePicker showTime={{ format: 'HH:mm', minuteStep: 5 }} format={DATE_TIME} style={{ width: '100%' }} data-testid="activity-invited-for" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="invitedStoreId" label={t('form.invitedStore')} extra={t('form.invitedStoreHint')}>
              <StoreSelect testId="activity-invited-store" />
            </Form.Item>
          </Col>
        </Row>
      ) : null}
      <Form.Item name="notes" label={t('form.notes')} rules={[rules.max(5000)]}>
        <Input.TextArea rows={3} placeholder={t('form.notesPlaceholder')} data-testid="activity-notes" />
      </Form.Item>
      {!activity?.nextStep?.doneAt ? (
        <>
          <Divider plain titlePlacement="start" style={{ margin: '4px 0 12px' }}>
            {t('form.nextStep')}
          </Divider>
          <Row gutter={12}>
            <Col span={14}>
              <Form.Item name="nextStepText" label={t('form.nextStepText')} rules={[rules.max(500)]}>
                <Input placeholder={t('form.nextStepPlaceholder')} data-testid="activity-next-step-text" />
              </Form.Item>
            </Col>
            <Col span={10}>
              <Form.Item name="nextStepDueAt" label={t('form.nextStepDueAt')} rules={hasNextStep ? [required('nextStepDueAt')] : []}>
                <DatePicker showTime={{ format: 'HH:mm', minuteStep: 5 }} format={DATE_TIME} style={{ width: '100%' }} data-testid="activity-next-step-due" />
              </Form.Item>
            </Col>
          </Row>
        </>
      ) : null}
      <Form.Item name="files" label={k === 'proposal' ? t('proposal.files') : t('form.photos')} valuePropName="fileList" getValueFromEvent={pickedFiles} extra={t('form.photosHint')}>
        <FilePicker label={k === 'proposal' ? t('proposal.files') : t('form.photos')} testId="activity-files" />
      </Form.Item>
    </FormModal>
  );
}
