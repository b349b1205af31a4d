import { useEffect } from 'react';
import { Alert, Form, InputNumber, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../shared/components/FormModal';
import { usePoolSettings, useSavePoolSettings } from '../api/pool';

/** The idle rule of the shared pool: customers untouched for N days go back to the pool. */
export function PoolSettingsModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('customers');
  const [form] = Form.useForm<{ idleDays: number; enabled: boolean }>();
  const { data, isLoading } = usePoolSettings(open);
  const saveSettings = useSavePoolSettings();
  useEffect(() => {
    if (data) form.setFieldsValue(data);
  }, [data, form]);

  return (
    <FormModal
      open={open}
      title={t('pool.settingsTitle')}
      form={form}
      onClose={onClose}
      onSubmit={(v) => saveSettings.mutateAsync(v)}
      saving={saveSettings.isPending}
      intro={<Alert type="info" showIcon title={t('pool.settingsHint')} style={{ marginBottom: 16 }} />}
      loading={isLoading}
      destroyOnHidden={false}
    >
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
    </FormModal>
  );
}
