import { Alert, App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { validated } from '../../../shared/forms/validated';
import { useFormErrors } from '../../../shared/api/useFormErrors';
import { useRules } from '../../../shared/forms/rules';
import { type User, useUpdateUser } from '../api';

/** Set a new password; the server ends the user's sessions. */
export function ResetPasswordModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t } = useTranslation('users');
  const { message } = App.useApp();
  const rules = useRules();
  const [form] = Form.useForm<{ password: string }>();
  const onError = useFormErrors();
  const update = useUpdateUser();
  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    try {
      await update.mutateAsync({ id: user!.id, password: v.password });
      message.success(t('message.passwordReset'));
      onClose();
    } catch (e) {
      onError(form, e);
    }
  };
  return (
    <Modal
      open={!!user}
      title={t('modal.resetPassword', { name: user?.displayName ?? '' })}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={update.isPending}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t('modal.resetHint')} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="password" label={t('modal.newPassword')} rules={[rules.required(t('modal.newPassword')), rules.password]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
