import { useEffect } from 'react';
import { Alert, App, Form, InputNumber, Modal, Spin, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { validated } from '../../../shared/forms/validated';
import { useFormErrors } from '../../../shared/api/useFormErrors';
import { usePoolSettings, useSavePoolSettings } from '../api/pool';

/** The idle rule of the shared pool: customers untouched for N days go back to the pool. */
export function PoolSettingsModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('customers');
  const { message } = App.useApp();
  const [form] = Form.useForm<{ idleDays: number; enabled: boolean }>();
  const onError = useFormErrors();
  const { data, isLoading } = usePoolSettings(open);
  const saveSettings = useSavePoolSettings();
  useEffect(() => {
    if (data) form.setFieldsValue(data);
  }, [data, form]);

  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    try {
      await saveSettings.mutateAsync(v);
      message.success(t('common:message.saved'));
      onClose();
    } catch (e) {
      onError(form, e);
    }
  };

  return (
    <Modal
      open={open}
      title={t('pool.settingsTitle')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={saveSettings.isPending}
      okText={t('common:action.save')}
    >
      <Alert type="info" showIcon title={t('pool.settingsHint')} style={{ marginBottom: 16 }} />
      {isLoading ? (
        <Spin />
      ) : (
        <Form form={form} layout="vertical">
          <Form.Item name="enabled" label={t('pool.enabled')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item
            name="idleDays"
            label={t('pool.idleDays')}
            rules={[{ required: true, type: 'integer', min: 1, max: 3650, message: t('common:validation.number') }]}
          >
            <InputNumber min={1} max={3650} precision={0} suffix={t('pool.idleDaysSuffix')} style={{ width: 180 }} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
