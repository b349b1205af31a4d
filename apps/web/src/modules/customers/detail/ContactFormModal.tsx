import { useEffect } from 'react';
import { Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../shared/components/FormModal';
import { changedFields } from '../../../shared/forms/diff';
import { isMaskedPhone } from '../../../shared/forms/phone';
import { useRules } from '../../../shared/forms/rules';
import { useEnumOptions } from '../../../shared/i18n/enums';
import { useAddContact, useUpdateContact } from '../api/contacts';
import { PhoneListField } from '../form/PhoneListField';
import type { Contact } from '../types';

type ContactRow = Partial<Contact> & { id: string };

interface Values {
  name: string;
  title?: string | null;
  phones: string[];
  email?: string | null;
  decisionRole?: string | null;
  reportsToId?: string | null;
  notes?: string | null;
}

const FIELDS = ['name', 'title', 'phones', 'email', 'decisionRole', 'reportsToId', 'notes'];

/** Add or edit a contact of a company customer: decision role and whom they report to. */
export function ContactFormModal({
  customerId,
  open,
  contact,
  others,
  onClose,
}: {
  customerId: string;
  open: boolean;
  contact: ContactRow | null;
  others: ContactRow[];
  onClose: () => void;
}) {
  const { t } = useTranslation('customers');
  const rules = useRules();
  const [form] = Form.useForm<Values>();
  const add = useAddContact(customerId);
  const update = useUpdateContact(customerId);
  const roles = useEnumOptions('decisionRole');
  const f = (k: string) => t(`contactField.${k}`);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      contact ? { ...contact, phones: contact.phones?.length ? [...contact.phones] : [''] } : { phones: [''], decisionRole: null, reportsToId: null },
    );
  }, [open, contact, form]);

  const submit = async () => {
    const v = form.getFieldsValue(true) as Values;
    const body = {
      name: v.name.trim(),
      title: v.title?.trim() || null,
      phones: (v.phones ?? []).map((p) => p?.trim()).filter((p): p is string => !!p),
      email: v.email?.trim() || null,
      decisionRole: (v.decisionRole ?? null) as Contact['decisionRole'],
      reportsToId: v.reportsToId ?? null,
      notes: v.notes?.trim() || null,
    };
    if (!contact) return add.mutateAsync(body);
    const before = { ...contact, phones: contact.phones ?? [] };
    const patch = changedFields<Record<string, unknown>>(before, body);
    const phones = patch.phones as string[] | undefined;
    if (phones?.some(isMaskedPhone)) {
      form.setFields(
        (v.phones ?? []).flatMap((p, i) => (p && isMaskedPhone(p) ? [{ name: ['phones', i], errors: [t('common:validation.maskedPhone')] }] : [])),
      );
      return false;
    }
    if (Object.keys(patch).length) await update.mutateAsync({ id: contact.id, body: patch });
  };

  return (
    <FormModal
      open={open}
      title={contact ? t('contacts.editTitle') : t('contacts.addTitle')}
      form={form}
      onClose={onClose}
      onSubmit={submit}
      saving={add.isPending || update.isPending}
      errors={{ fields: FIELDS }}
      width={560}
      name="contact"
    >
      <Form.Item name="name" label={f('name')} rules={[rules.required(f('name')), rules.max(100)]}>
        <Input />
      </Form.Item>
      <Form.Item name="title" label={f('title')} rules={[rules.max(100)]}>
        <Input />
      </Form.Item>
      <PhoneListField label={f('phones')} max={5} />
      <Form.Item name="email" label={f('email')} rules={[rules.email]}>
        <Input />
      </Form.Item>
      <Form.Item name="decisionRole" label={f('decisionRole')}>
        <Select allowClear options={roles} />
      </Form.Item>
      <Form.Item name="reportsToId" label={f('reportsToId')}>
        <Select
          allowClear
          placeholder={t('contacts.reportsToNone')}
          options={others.filter((o) => o.id !== contact?.id).map((o) => ({ value: o.id, label: o.name ?? o.id }))}
        />
      </Form.Item>
      <Form.Item name="notes" label={f('notes')} rules={[rules.max(2000)]}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </FormModal>
  );
}
