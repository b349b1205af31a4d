import { useMemo } from 'react';
import { App, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../shared/components/FormModal';
import { formatMoney } from '../../../shared/format/money';
import { CustomerSelect } from '../../customers';
import { useAddFamilyMember } from '../cards.api';
import { LimitFields, limitsBody, useCardSave } from './CardModals';
import { newIdempotencyKey } from '../../../shared/api/idempotency';

interface Values {
  customerId: string;
  cardNumber?: string;
  monthlyPointsLimit?: number | null;
  monthlyValueLimitYuan?: number | null;
}

/**
 * 添加家庭成员: a customer (enrolled now if not yet a member) joins the member's account as a sub member; their points
 * and stored value move in and a sub card is issued with the limits given. The Idempotency-Key is made once per
 * opening, so a save retried after a lost answer moves the points once.
 */
export function FamilyAddModal({ memberId, open, onClose }: { memberId: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation('loyalty');
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const add = useAddFamilyMember(memberId);
  const idempotencyKey = useMemo(() => (open ? newIdempotencyKey() : ''), [open]);
  const save = useCardSave();
  const submit = (v: Values) =>
    save(async () => {
      const out = await add.mutateAsync({ body: { customerId: v.customerId, cardNumber: v.cardNumber?.trim() || undefined, ...limitsBody(v) }, idempotencyKey });
      message.success(t('cards.addModal.done', { points: out.pointsMoved.toLocaleString(), value: formatMoney(out.valueMovedFen) }));
    });
  return (
    <FormModal<Values>
      open={open}
      title={t('cards.addModal.title')}
      form={form}
      onClose={onClose}
      onSubmit={submit}
      saving={add.isPending}
      success={null}
      okText={t('cards.family.add')}
      intro={<p>{t('cards.addModal.intro')}</p>}
      errors={{ fields: ['customerId', 'cardNumber', 'monthlyPointsLimit', 'monthlyValueLimitYuan'], mapName: (n) => (n[0] === 'monthlyValueLimitFen' ? ['monthlyValueLimitYuan'] : n) }}
    >
      <Form.Item name="customerId" label={t('cards.addModal.customer')} rules={[{ required: true, message: t('cards.addModal.customerRequired') }]}>
        <CustomerSelect placeholder={t('cards.addModal.customerPlaceholder')} testId="family-add-customer" />
      </Form.Item>
      <LimitFields pointsLabel={t('cards.addModal.points')} valueLabel={t('cards.addModal.value')} extra={t('cards.addModal.limitsHelp')} />
      <Form.Item name="cardNumber" label={t('cards.addModal.cardNumber')} extra={t('cards.addModal.cardNumberHelp')}>
        <Input maxLength={40} inputMode="numeric" data-testid="family-add-card-number" />
      </Form.Item>
    </FormModal>
  );
}
