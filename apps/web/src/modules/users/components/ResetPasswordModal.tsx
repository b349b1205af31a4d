import { Alert, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../shared/components/FormModal';
import { useRules } from '../../../shared/forms/rules';
import { type User, useUpdateUser } from '../api';

/** Set a new password; the server ends the user's sessions. */
export function ResetPasswordModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t } = useTranslation('users');
  const rules = useRules();
  const [form] = Form.useForm<{ password: string }>();
  const update = useUpdateUser();
  return (
    <FormModal
      open={!!user}
      title={t('modal.resetPassword', { name: user?.displayName ?? '' })}
      form={form}
      onClose={onClose}
      onSubmit={(v) => update.mutateAsync({ id: user!.id, password: v.password })}
      saving={update.isPending}
      okText={null}
      success={t('message.passwordReset')}
      intro={<Alert type="warning" showIcon title={t('modal.resetHint')} style={{ marginBottom: 16 }} />}
      preserve={false}
    >
      <Form.Item name="password" label={t('modal.newPassword')} rules={[rules.required(t('modal.newPassword')), rules.password]}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </FormModal>
  );
}
