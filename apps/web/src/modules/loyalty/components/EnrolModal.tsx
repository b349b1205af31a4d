import { App, Checkbox, Form, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { CONSENT_CHANNELS, CONSENT_SOURCES, type ConsentChannel } from '@jiake/shared';
import { FormModal } from '../../../shared/components/FormModal';
import { StoreSelect } from '../../org';
import { type Member, useEnrol } from '../api';
import { CustomerSearch } from './CustomerSearch';
import { loyaltyErrorText } from './labels';
import { isApiError } from '../../../shared/api/client';

interface Values {
  customerId: string;
  joinStoreId?: string;
  consents: ConsentChannel[];
  source: (typeof CONSENT_SOURCES)[number];
}

/** 办理入会: a customer, the join store (the customer's store unless chosen), and the consents given per channel. */
export function EnrolModal({ open, onClose, onEnrolled }: { open: boolean; onClose: () => void; onEnrolled: (m: Member) => void }) {
  const { t } = useTranslation('loyalty');
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const enrol = useEnrol();
  const submit = async (v: Values) => {
    try {
      const m = await enrol.mutateAsync({
        customerId: v.customerId,
        joinStoreId: v.joinStoreId ?? null,
        consents: CONSENT_CHANNELS.filter((c) => v.consents.includes(c)).map((channel) => ({ channel, granted: true, source: v.source })),
      });
      message.success(t('enrol.done', { number: m.number }));
      onEnrolled(m);
    } catch (e) {
      // A conflict (already a member) has no field issues: say why in the user's words.
      if (isApiError(e) && e.code === 'conflict') {
        message.error(loyaltyErrorText(e));
        return false;
      }
      throw e;
    }
  };
  return (
    <FormModal<Values>
      open={open}
      title={t('enrol.title')}
      form={form}
      onClose={onClose}
      onSubmit={submit}
      saving={enrol.isPending}
      success={null}
      okText={t('enrol.title')}
      errors={{ fields: ['customerId', 'joinStoreId'] }}
    >
      <Form.Item name="customerId" label={t('enrol.customer')} rules={[{ required: true, message: t('enrol.customerRequired') }]}>
        <CustomerSearch onPick={(c) => form.setFieldValue('joinStoreId', c?.storeId ?? undefined)} />
      </Form.Item>
      <Form.Item name="joinStoreId" label={t('enrol.joinStore')}>
        <StoreSelect placeholder={t('enrol.joinStorePlaceholder')} testId="enrol-store" />
      </Form.Item>
      <Form.Item name="consents" label={t('enrol.consents')} initialValue={[]}>
        <Checkbox.Group options={CONSENT_CHANNELS.map((c) => ({ value: c, label: <span data-testid={`enrol-consent-${c}`}>{t(`enum.channel.${c}`)}</span> }))} />
      </Form.Item>
      <Form.Item name="source" label={t('enrol.consentSource')} initialValue="store">
        <Select options={CONSENT_SOURCES.map((s) => ({ value: s, label: t(`enum.consentSource.${s}`) }))} style={{ width: 200 }} data-testid="enrol-consent-source" />
      </Form.Item>
    </FormModal>
  );
}
