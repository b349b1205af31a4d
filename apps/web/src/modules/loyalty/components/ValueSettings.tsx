import { useEffect } from 'react';
import { App, Button, Card, Flex, Form, InputNumber, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { StoredValueSettingsDto } from '@jiake/shared';
import { useFormErrors } from '../../../shared/api/useFormErrors';
import { fenToYuan, yuanToFen } from '../../../shared/format/money';
import { validated } from '../../../shared/forms/validated';
import { useLoyaltySettings, useUpdateLoyaltySettings } from '../api';

interface Values {
  steps: { minYuan?: number; bonusYuan?: number }[];
  maxYuan?: number;
}

const toValues = (s: StoredValueSettingsDto): Values => ({
  steps: [...s.topUpBonuses].sort((a, b) => a.minFen - b.minFen).map((x) => ({ minYuan: fenToYuan(x.minFen), bonusYuan: fenToYuan(x.bonusFen) })),
  maxYuan: fenToYuan(s.maxBalanceFen),
});
const toSettings = (v: Values): StoredValueSettingsDto => ({
  topUpBonuses: v.steps.map((x) => ({ minFen: yuanToFen(x.minYuan!), bonusFen: yuanToFen(x.bonusYuan ?? 0) })),
  maxBalanceFen: yuanToFen(v.maxYuan ?? 0),
});

/** The API's storedValue.topUpBonuses.N.minFen / bonusFen and maxBalanceFen are the form's steps.N.minYuan / bonusYuan and maxYuan. */
const mapName = (name: (string | number)[]) => {
  if (name[0] !== 'storedValue') return null;
  if (name[1] === 'maxBalanceFen') return ['maxYuan'];
  if (name[1] === 'topUpBonuses' && typeof name[2] === 'number') return ['steps', name[2], name[3] === 'bonusFen' ? 'bonusYuan' : 'minYuan'];
  return null;
};

/**
 * 充值赠送与余额上限 (loyalty:admin): the bonus steps (the largest reached applies, never added up) and the ceiling on a
 * balance, saved as the programme's `storedValue` section.
 */
export function ValueSettings() {
  const { t } = useTranslation('loyalty');
  const { message } = App.useApp();
  const onError = useFormErrors();
  const [form] = Form.useForm<Values>();
  const settings = useLoyaltySettings();
  const update = useUpdateLoyaltySettings();
  const stored = settings.data?.storedValue;
  useEffect(() => {
    if (stored) form.setFieldsValue(toValues(stored));
  }, [stored, form]);
  const save = async () => {
    const v = await validated(form);
    if (!v) return;
    try {
      await update.mutateAsync({ storedValue: toSettings(v) });
      message.success(t('common:message.saved'));
    } catch (e) {
      onError(form, e, { mapName, fields: ['steps', 'maxYuan'] });
    }
  };
  return (
    <Card
      size="small"
      title={t('value.page.settings')}
      data-testid="value-settings"
      extra={
        <Button type="primary" onClick={save} loading={update.isPending} disabled={!stored} data-testid="value-settings-save">
          {t('value.page.save')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('value.page.stepsHelp')}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ steps: [] }}>
        <Form.List name="steps">
          {(fields, { add, remove }) => (
            <Flex vertical gap={8} style={{ marginBottom: 16 }}>
              {fields.length === 0 ? <Typography.Text type="secondary">{t('value.page.noSteps')}</Typography.Text> : null}
              {fields.map((f, i) => (
                <Space key={f.key} align="baseline" wrap data-testid="value-step">
                  <Form.Item
                    name={[f.name, 'minYuan']}
                    label={i === 0 ? t('value.page.stepMin') : undefined}
                    rules={[
                      { required: true },
                      {
                        validator: async (_r, y: number | undefined) => {
                          const all = (form.getFieldValue('steps') as Values['steps']).map((s) => s?.minYuan);
                          if (y !== undefined && all.filter((x) => x === y).length > 1) throw new Error(t('value.page.duplicateStep'));
                        },
                      },
                    ]}
                  >
                    <InputNumber min={0.01} max={100_000_000} precision={2} prefix="¥" style={{ width: 180 }} data-testid="value-step-min" />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'bonusYuan']}
                    label={i === 0 ? t('value.page.stepBonus') : undefined}
                    dependencies={[['steps', f.name, 'minYuan']]}
                    rules={[
                      { required: true },
                      {
                        validator: async (_r, y: number | undefined) => {
                          const min = form.getFieldValue(['steps', f.name, 'minYuan']) as number | undefined;
                          if (y !== undefined && min !== undefined && y > min) throw new Error(t('value.page.bonusTooHigh'));
                        },
                      },
                    ]}
                  >
                    <InputNumber min={0} max={100_000_000} precision={2} prefix="¥" style={{ width: 180 }} data-testid="value-step-bonus" />
                  </Form.Item>
                  <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('value.page.removeStep')} data-testid="value-step-remove" />
                </Space>
              ))}
              <div>
                <Button icon={<PlusOutlined />} onClick={() => add({})} disabled={fields.length >= 20} data-testid="value-step-add">
                  {t('value.page.addStep')}
                </Button>
              </div>
            </Flex>
          )}
        </Form.List>
        <Form.Item name="maxYuan" label={t('value.page.maxBalance')} extra={t('value.page.maxBalanceHelp')} rules={[{ required: true }]} style={{ marginBottom: 0 }}>
          <InputNumber min={0} max={100_000_000} precision={2} prefix="¥" style={{ width: 220 }} data-testid="value-max-balance" />
        </Form.Item>
      </Form>
    </Card>
  );
}
