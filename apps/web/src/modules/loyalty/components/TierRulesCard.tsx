import { useEffect } from 'react';
import { App, Button, Card, Form, Radio, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { TIER_WINDOWS, type TierSettingsDto } from '@jiake/shared';
import { useFormErrors } from '../../../shared/api/useFormErrors';
import { validated } from '../../../shared/forms/validated';
import { useLoyaltySettings, useUpdateLoyaltySettings } from '../api';

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

/** 等级规则: the spend window, the review month and texting, saved as the programme's `tiers` section. */
export function TierRulesCard() {
  const { t } = useTranslation('loyalty');
  const { message } = App.useApp();
  const onError = useFormErrors();
  const [form] = Form.useForm<TierSettingsDto>();
  const settings = useLoyaltySettings();
  const update = useUpdateLoyaltySettings();
  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data.tiers);
  }, [settings.data, form]);
  const save = async () => {
    const v = await validated(form);
    if (!v) return;
    try {
      await update.mutateAsync({ tiers: v });
      message.success(t('tiers.rules.saved'));
    } catch (e) {
      onError(form, e, { mapName: (name) => (name[0] === 'tiers' ? name.slice(1) : null) });
    }
  };
  return (
    <Card
      size="small"
      title={t('tiers.rules.title')}
      loading={settings.isLoading}
      extra={
        <Button type="primary" size="small" onClick={save} loading={update.isPending} data-testid="tier-rules-save">
          {t('tiers.rules.save')}
        </Button>
      }
    >
      <Form form={form} layout="vertical">
        <Form.Item name="window" label={t('tiers.rules.window')}>
          <Radio.Group options={TIER_WINDOWS.map((w) => ({ value: w, label: t(`tiers.rules.windowOption.${w}`) }))} data-testid="tier-window" />
        </Form.Item>
        <Form.Item name="reviewMonth" label={t('tiers.rules.reviewMonth')} extra={t('tiers.rules.reviewMonthHelp')}>
          <Select options={MONTHS.map((m) => ({ value: m, label: t('tiers.rules.month', { month: m }) }))} style={{ width: 160 }} data-testid="tier-review-month" />
        </Form.Item>
        <Form.Item name="smsOnChange" label={t('tiers.rules.smsOnChange')} extra={t('tiers.rules.smsOnChangeHelp')} valuePropName="checked" style={{ marginBottom: 0 }}>
          <Switch data-testid="tier-sms" />
        </Form.Item>
      </Form>
    </Card>
  );
}
