import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Divider, Drawer, Flex, Form, Input, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { validated } from '../../../shared/forms/validated';
import { useFormErrors } from '../../../shared/api/useFormErrors';
import { useCurrentUser } from '../../../shared/auth/me';
import { useRules } from '../../../shared/forms/rules';
import { useCustomFieldDefs } from '../../custom-fields';
import type { Customer } from '../types';
import { DuplicateModal, type DuplicateHit } from './DuplicateModal';
import { FieldGate } from './FieldGate';
import { type CustomerFormValues, EMPTY_FORM, FORM_FIELDS, customerToForm, issueToFormName } from './formValues';
import { AssignmentSection } from './sections/AssignmentSection';
import { BasicSection } from './sections/BasicSection';
import { ContactSection } from './sections/ContactSection';
import { CustomFieldsSection } from './sections/CustomFieldsSection';
import { HomeProfileSection } from './sections/HomeProfileSection';
import { useSaveCustomer } from './useSaveCustomer';

interface Props {
  open: boolean;
  /** The customer to edit; null creates a new one. */
  customer: Customer | null;
  onClose: () => void;
  onSaved: (c: Customer, created: boolean) => void;
}

/** Create or edit every field of a customer, including the home profile and custom fields. */
export function CustomerFormDrawer({ open, customer, onClose, onSaved }: Props) {
  const { t } = useTranslation('customers');
  const { message } = App.useApp();
  const rules = useRules();
  const me = useCurrentUser();
  const [form] = Form.useForm<CustomerFormValues>();
  const onError = useFormErrors();
  const { data: defs, isLoading } = useCustomFieldDefs();
  const { save, flagMasked, saving } = useSaveCustomer(defs ?? []);
  const [duplicates, setDuplicates] = useState<DuplicateHit[] | null>(null);
  const hasReadonly = useMemo(() => Object.entries(me?.fieldRules ?? {}).some(([k, v]) => k.startsWith('customer.') && v === 'readonly'), [me]);
  const maskedPhones = !!customer?.phones?.some((p) => p.includes('*'));

  useEffect(() => {
    if (!open || !defs) return;
    form.resetFields();
    form.setFieldsValue(customer ? customerToForm(customer, defs) : EMPTY_FORM);
  }, [open, customer, defs, form]);

  const submit = async (ignoreDuplicates = false) => {
    if (!(await validated(form))) {
      message.error(t('common:error.checkFields'));
      return;
    }
    const values = form.getFieldsValue(true) as CustomerFormValues;
    try {
      const res = await save(values, customer, { ignoreDuplicates });
      if (res.ok) {
        setDuplicates(null);
        message.success(customer ? t('form.saved') : t('form.created'));
        onSaved(res.customer, !customer);
      } else if ('duplicates' in res) setDuplicates(res.duplicates);
      else flagMasked(form, res.maskedPhones);
    } catch (e) {
      setDuplicates(null);
      onError(form, e, { mapName: issueToFormName, fields: FORM_FIELDS });
    }
  };

  const section = (key: string) => (
    <Divider titlePlacement="start" style={{ marginTop: 8 }}>
      {t(`form.section.${key}`)}
    </Divider>
  );

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={960}
      title={customer ? t('form.editTitle', { name: customer.name ?? '' }) : t('form.createTitle')}
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common:action.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => void submit()} data-testid="customer-submit">
            {t('form.submit')}
          </Button>
        </Flex>
      }
    >
      {isLoading ? (
        <Spin />
      ) : (
        <Form form={form} layout="vertical" initialValues={EMPTY_FORM} scrollToFirstError data-testid="customer-form">
          {hasReadonly ? <Alert type="info" showIcon title={t('form.readonlyHint')} style={{ marginBottom: 12 }} /> : null}
          {section('basic')}
          <BasicSection form={form} />
          {section('contact')}
          <ContactSection maskedPhones={maskedPhones} />
          {section('assignment')}
          <AssignmentSection form={form} ownerName={customer?.ownerName} />
          <FieldGate field="homeProfile">
            {section('home')}
            <HomeProfileSection />
          </FieldGate>
          {defs?.length ? (
            <FieldGate field="customFields">
              {section('custom')}
              <CustomFieldsSection defs={defs} />
            </FieldGate>
          ) : null}
          <FieldGate field="notes">
            {section('notes')}
            <Form.Item name="notes" rules={[rules.max(5000)]}>
              <Input.TextArea rows={3} />
            </Form.Item>
          </FieldGate>
        </Form>
      )}
      <DuplicateModal hits={duplicates} loading={saving} onCancel={() => setDuplicates(null)} onCreateAnyway={() => void submit(true)} />
    </Drawer>
  );
}
