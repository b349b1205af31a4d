import { useEffect } from 'react';
import { Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../shared/components/FormModal';
import { changedFields } from '../../../shared/forms/diff';
import { useRules } from '../../../shared/forms/rules';
import { UnitTreeSelect } from '../../org';
import { useRoles } from '../../roles';
import { type User, useCreateUser, useUpdateUser } from '../api';
import { UserSelect } from './UserSelect';

interface Values {
  username: string;
  displayName: string;
  password?: string;
  unitId: string;
  roleIds: string[];
  phone?: string | null;
  email?: string | null;
  supervisorId?: string | null;
}

const FIELDS = ['username', 'displayName', 'password', 'unitId', 'roleIds', 'phone', 'email', 'supervisorId'];

/** Create a user, or edit one (only changed fields are sent, so a masked phone stays as it is). */
export function UserFormModal({ open, user, onClose }: { open: boolean; user: User | null; onClose: () => void }) {
  const { t } = useTranslation('users');
  const rules = useRules();
  const [form] = Form.useForm<Values>();
  const create = useCreateUser();
  const update = useUpdateUser();
  const { data: roles, isLoading: rolesLoading } = useRoles(open);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (user) form.setFieldsValue({ ...user });
  }, [open, user, form]);

  const submit = async (v: Values) => {
    const values = { ...v, phone: v.phone?.trim() || null, email: v.email?.trim() || null, supervisorId: v.supervisorId ?? null };
    if (!user) return create.mutateAsync({ ...values, password: values.password ?? '' });
    const { username: _u, password: _p, ...editable } = values;
    const patch = changedFields<Record<string, unknown>>(user, editable);
    if (Object.keys(patch).length) await update.mutateAsync({ id: user.id, ...patch });
  };

  return (
    <FormModal
      open={open}
      title={user ? t('modal.edit') : t('modal.create')}
      form={form}
      onClose={onClose}
      onSubmit={submit}
      saving={create.isPending || update.isPending}
      success={user ? t('common:message.saved') : t('common:message.created')}
      errors={{ fields: FIELDS }}
      width={560}
    >
      <Form.Item name="username" label={t('field.username')} rules={user ? [] : [rules.required(t('field.username')), rules.code, rules.max(64)]}>
        <Input disabled={!!user} autoComplete="off" />
      </Form.Item>
      <Form.Item name="displayName" label={t('field.displayName')} rules={[rules.required(t('field.displayName')), rules.max(64)]}>
        <Input />
      </Form.Item>
      {!user ? (
        <Form.Item name="password" label={t('field.password')} rules={[rules.required(t('field.password')), rules.password]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      ) : null}
      <Form.Item name="unitId" label={t('field.unitId')} rules={[rules.requiredSelect(t('field.unitId'))]}>
        <UnitTreeSelect />
      </Form.Item>
      <Form.Item name="roleIds" label={t('field.roleIds')} rules={[rules.requiredSelect(t('field.roleIds'))]}>
        <Select mode="multiple" loading={rolesLoading} options={(roles ?? []).map((r) => ({ value: r.id, label: r.name }))} />
      </Form.Item>
      <Form.Item name="phone" label={t('field.phone')} rules={[rules.phone(true)]}>
        <Input />
      </Form.Item>
      <Form.Item name="email" label={t('field.email')} rules={[rules.email]}>
        <Input />
      </Form.Item>
      <Form.Item name="supervisorId" label={t('field.supervisorId')}>
        <UserSelect />
      </Form.Item>
    </FormModal>
  );
}
