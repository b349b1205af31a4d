import { useEffect } from 'react';
import { DatePicker, Divider, Form, Input, InputNumber, Radio, Select, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { STORE_KINDS, type CreateBonusRuleInput } from '@jiake/shared';
import { FormModal } from '../../../shared/components/FormModal';
import { DATE_FORMAT } from '../../../shared/format/date';
import { type BonusRule, useSaveBonusRule } from '../bonus.api';
import { CategoriesSelect, SeriesSelect, UnitsSelect } from './BonusPickers';

type Conditions = BonusRule['conditions'];

interface Values {
  name: string;
  active: boolean;
  window: [Dayjs | null, Dayjs | null] | null;
  effect: { kind: 'multiplier' | 'fixed'; percent?: number; points?: number };
  stackable: boolean;
  priority: number;
  conditions: Conditions;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NO_CONDITIONS: Conditions = { storeKinds: [], storeIds: [], categoryIds: [], seriesIds: [], birthdayMonth: false, campaignIds: [] };

const toValues = (r: BonusRule | null): Values =>
  r
    ? {
        name: r.name,
        active: r.active,
        window: r.validFrom || r.validTo ? [r.validFrom ? dayjs(r.validFrom) : null, r.validTo ? dayjs(r.validTo) : null] : null,
        effect: r.effect.kind === 'multiplier' ? { kind: 'multiplier', percent: r.effect.percent, points: 100 } : { kind: 'fixed', points: r.effect.points, percent: 200 },
        stackable: r.stackable,
        priority: r.priority,
        conditions: r.conditions,
      }
    : { name: '', active: true, window: null, effect: { kind: 'multiplier', percent: 200, points: 100 }, stackable: false, priority: 0, conditions: NO_CONDITIONS };

const toBody = (v: Values): CreateBonusRuleInput => ({
  name: v.name,
  active: v.active,
  validFrom: v.window?.[0]?.format(DATE_FORMAT) ?? null,
  validTo: v.window?.[1]?.format(DATE_FORMAT) ?? null,
  effect: v.effect.kind === 'multiplier' ? { kind: 'multiplier', percent: v.effect.percent ?? 100 } : { kind: 'fixed', points: v.effect.points ?? 1 },
  stackable: v.stackable,
  priority: v.priority ?? 0,
  conditions: { ...NO_CONDITIONS, ...v.conditions },
});

/** Server issue paths onto this form: the window's two ends, a condition's list (not its n-th item). */
const mapName = (name: (string | number)[]) =>
  name[0] === 'validFrom' || name[0] === 'validTo' ? ['window'] : name[0] === 'conditions' || name[0] === 'effect' ? name.slice(0, 2) : name;

/** 新建/编辑积分规则: name, window, conditions, effect, stacking and priority. */
export function BonusRuleModal({ open, rule, onClose }: { open: boolean; rule: BonusRule | null; onClose: () => void }) {
  const { t } = useTranslation('loyalty');
  const [form] = Form.useForm<Values>();
  const save = useSaveBonusRule();
  const kind = Form.useWatch(['effect', 'kind'], form);
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(toValues(rule));
  }, [open, rule, form]);
  const f = (key: string) => t(`bonus.field.${key}`);
  return (
    <FormModal<Values>
      open={open}
      title={t(rule ? 'bonus.edit' : 'bonus.add')}
      form={form}
      onClose={onClose}
      saving={save.isPending}
      width={680}
      errors={{ mapName }}
      onSubmit={(v) => save.mutateAsync({ id: rule?.id, body: toBody(v) })}
    >
      <Form.Item name="name" label={f('name')} rules={[{ required: true, whitespace: true, message: t('bonus.nameRequired') }, { max: 100 }]}>
        <Input data-testid="bonus-name" />
      </Form.Item>
      <Form.Item name="window" label={f('window')} extra={t('bonus.help.window')}>
        <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} data-testid="bonus-window" />
      </Form.Item>
      <Form.Item name={['effect', 'kind']} label={f('effectKind')}>
        <Radio.Group
          optionType="button"
          options={(['multiplier', 'fixed'] as const).map((k) => ({ value: k, label: t(`bonus.effectKind.${k}`) }))}
          data-testid="bonus-effect-kind"
        />
      </Form.Item>
      {kind === 'fixed' ? (
        <Form.Item name={['effect', 'points']} label={f('points')} extra={t('bonus.help.points')} rules={[{ required: true }]}>
          <InputNumber min={1} max={10_000_000} precision={0} style={{ width: 200 }} data-testid="bonus-points" />
        </Form.Item>
      ) : (
        <Form.Item name={['effect', 'percent']} label={f('percent')} extra={t('bonus.help.percent')} rules={[{ required: true }]}>
          <InputNumber min={100} max={1000} precision={0} step={50} suffix="%" style={{ width: 200 }} data-testid="bonus-percent" />
        </Form.Item>
      )}
      <Form.Item name="stackable" label={f('stackable')} valuePropName="checked" extra={t('bonus.help.stackable')}>
        <Switch data-testid="bonus-stackable" />
      </Form.Item>
      <Form.Item name="priority" label={f('priority')} extra={t('bonus.help.priority')}>
        <InputNumber min={-1000} max={1000} precision={0} style={{ width: 200 }} data-testid="bonus-priority" />
      </Form.Item>
      <Divider titlePlacement="start">{f('conditions')}</Divider>
      <Form.Item name={['conditions', 'storeKinds']} label={f('storeKinds')}>
        <Select mode="multiple" allowClear placeholder={t('bonus.any')} options={STORE_KINDS.map((k) => ({ value: k, label: t(`enum.storeKind.${k}`) }))} data-testid="bonus-store-kinds" />
      </Form.Item>
      <Form.Item name={['conditions', 'storeIds']} label={f('storeIds')} extra={t('bonus.help.stores')}>
        <UnitsSelect multiple placeholder={t('bonus.any')} testId="bonus-stores" />
      </Form.Item>
      <Form.Item name={['conditions', 'categoryIds']} label={f('categoryIds')} extra={t('bonus.help.categories')}>
        <CategoriesSelect multiple placeholder={t('bonus.any')} testId="bonus-categories" />
      </Form.Item>
      <Form.Item name={['conditions', 'seriesIds']} label={f('seriesIds')}>
        <SeriesSelect multiple placeholder={t('bonus.any')} testId="bonus-series" />
      </Form.Item>
      <Form.Item name={['conditions', 'birthdayMonth']} label={f('birthdayMonth')} valuePropName="checked" extra={t('bonus.help.birthday')}>
        <Switch data-testid="bonus-birthday" />
      </Form.Item>
      <Form.Item
        name={['conditions', 'campaignIds']}
        label={f('campaignIds')}
        extra={t('bonus.help.campaign')}
        rules={[
          {
            validator: async (_r, v: string[] | undefined) => {
              if ((v ?? []).some((x) => !UUID.test(x))) throw new Error(t('bonus.invalidCampaign'));
            },
          },
        ]}
      >
        <Select mode="tags" allowClear open={false} tokenSeparators={[',', ' ', '，']} placeholder={t('bonus.any')} data-testid="bonus-campaigns" />
      </Form.Item>
      <Form.Item name="active" label={f('active')} valuePropName="checked">
        <Switch data-testid="bonus-active" />
      </Form.Item>
    </FormModal>
  );
}
