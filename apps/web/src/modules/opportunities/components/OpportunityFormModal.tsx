import { useEffect } from 'react';
import { App, DatePicker, Form, Input, InputNumber, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../shared/components/FormModal';
import { useRules } from '../../../shared/forms/rules';
import { fenToYuan, yuanToFen } from '../../../shared/format/money';
import { StoreSelect } from '../../org';
import { type OpportunityFull, useCreateOpportunity, useStages, useUpdateOpportunity } from '../api';
import { CustomerPicker } from './CustomerPicker';
import { OwnerSelect } from './OwnerSelect';

interface Values {
  customerId?: string;
  name: string;
  amountYuan?: number | null;
  stageKey?: string;
  probability?: number | null;
  expectedCloseDate?: Dayjs | null;
  ownerId?: string;
  storeId?: string;
  notes?: string;
}

interface Props {
  open: boolean;
  onClose: () => void;
  /** Editing this one; without it, a new opportunity (for `customerId` when given). */
  opportunity?: OpportunityFull | null;
  customerId?: string;
  onCreated?: (o: OpportunityFull) => void;
}

/** Server issue paths onto this form's fields (amounts are typed in yuan). */
const mapName = (name: (string | number)[]) => (name[0] === 'amountFen' ? ['amountYuan'] : name);

/** 新建商机 / 编辑商机: the stage moves on the board or the detail page, not here. */
export function OpportunityFormModal({ open, onClose, opportunity, customerId, onCreated }: Props) {
  const { t } = useTranslation('opportunities');
  const { message } = App.useApp();
  const rules = useRules();
  const [form] = Form.useForm<Values>();
  const create = useCreateOpportunity();
  const update = useUpdateOpportunity();
  const stages = useStages();
  const storeId = Form.useWatch('storeId', form);
  const editing = !!opportunity;

  useEffect(() => {
    if (!open) return;
    form.setFieldsValue(
      opportunity
        ? {
            name: opportunity.name, amountYuan: fenToYuan(opportunity.amountFen), probability: opportunity.probabilityOverridden ? opportunity.probability : null,
            expectedCloseDate: opportunity.expectedCloseDate ? dayjs(opportunity.expectedCloseDate) : null, ownerId: opportunity.ownerId ?? undefined,
            storeId: opportunity.storeId ?? undefined, notes: opportunity.notes ?? undefined,
          }
        : { customerId },
    );
  }, [open, opportunity, customerId, form]);

  const submit = async (v: Values) => {
    const common = {
      name: v.name,
      amountFen: yuanToFen(v.amountYuan ?? 0),
      probability: v.probability ?? null,
      expectedCloseDate: v.expectedCloseDate ? v.expectedCloseDate.format('YYYY-MM-DD') : null,
      notes: v.notes?.trim() ? v.notes : null,
    };
    if (opportunity) {
      // A won or lost opportunity keeps its probability (100 % / 0 %).
      const { probability, ...rest } = common;
      await update.mutateAsync({
        id: opportunity.id,
        body: { ...rest, ...(opportunity.status === 'open' ? { probability } : {}), ownerId: v.ownerId ?? null, ...(v.storeId ? { storeId: v.storeId } : {}), version: opportunity.version },
      });
      return;
    }
    const o = await create.mutateAsync({ ...common, customerId: v.customerId!, stageKey: v.stageKey, ...(v.ownerId ? { ownerId: v.ownerId } : {}), ...(v.storeId ? { storeId: v.storeId } : {}) });
    message.success(t('form.created'));
    onCreated?.(o);
  };

  return (
    <FormModal<Values>
      open={open}
      title={editing ? t('form.editTitle') : t('form.createTitle')}
      form={form}
      onClose={onClose}
      onSubmit={submit}
      saving={create.isPending || update.isPending}
      success={editing ? undefined : null}
      errors={{ mapName }}
      width={640}
      name="opportunity-form"
    >
      {!editing ? (
        <Form.Item name="customerId" label={t('field.customer')} rules={[rules.requiredSelect(t('field.customer'))]}>
          <CustomerPicker />
        </Form.Item>
      ) : null}
      <Form.Item name="name" label={t('field.name')} rules={[rules.required(t('field.name')), rules.max(100)]}>
        <Input data-testid="opportunity-name" />
      </Form.Item>
      <Form.Item name="amountYuan" label={t('form.amountYuan')}>
        <InputNumber min={0} max={10_000_000_000} precision={2} style={{ width: '100%' }} data-testid="opportunity-amount" />
      </Form.Item>
      {!editing ? (
        <Form.Item name="stageKey" label={t('field.stageKey')}>
          <Select
            allowClear
            placeholder={t('form.stagePlaceholder')}
            data-testid="opportunity-stage"
            options={(stages.data ?? []).filter((s) => s.kind === 'open' && s.enabled).map((s) => ({ value: s.key, label: `${s.name}（${s.probability}%）` }))}
          />
        </Form.Item>
      ) : null}
      <Form.Item name="probability" label={t('field.probability')} extra={t('form.probabilityHint')}>
        <InputNumber min={0} max={100} precision={0} suffix="%" style={{ width: '100%' }} data-testid="opportunity-probability" disabled={editing && opportunity?.status !== 'open'} />
      </Form.Item>
      <Form.Item name="expectedCloseDate" label={t('field.expectedCloseDate')}>
        <DatePicker style={{ width: '100%' }} data-testid="opportunity-expected-close" />
      </Form.Item>
      <Form.Item name="storeId" label={t('field.storeId')}>
        <StoreSelect placeholder={t('form.storePlaceholder')} testId="opportunity-store" />
      </Form.Item>
      <Form.Item name="ownerId" label={t('field.ownerId')}>
        <OwnerSelect storeId={storeId ?? opportunity?.storeId} placeholder={t('form.ownerPlaceholder')} />
      </Form.Item>
      <Form.Item name="notes" label={t('field.notes')} rules={[rules.max(2000)]}>
        <Input.TextArea rows={3} data-testid="opportunity-notes" />
      </Form.Item>
    </FormModal>
  );
}
