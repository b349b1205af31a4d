import { useEffect, useMemo } from 'react';
import { Form, Input, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../shared/components/FormModal';
import { useRules } from '../../../shared/forms/rules';
import { useRegions } from '../../../shared/regions/regions';
import { StoreSelect, useOrgUnits } from '../../org';
import { type AssignmentRule, useAssignmentRules } from '../api';
import { useLeadLabels } from '../labels';
import { TeamSelect } from './TeamSelect';

type Values = Pick<AssignmentRule, 'name' | 'enabled' | 'sources' | 'provinceCodes' | 'cityCodes' | 'storeIds' | 'strategy' | 'userIds' | 'poolStoreId'> & { pool: 'team' | 'store' };

/** An assignment rule: conditions (empty = any) and how it picks the assignee. */
export function RuleFormModal({ open, rule, onClose }: { open: boolean; rule: AssignmentRule | null; onClose: () => void }) {
  const { t } = useTranslation('leads');
  const rules = useRules();
  const { options } = useLeadLabels();
  const [form] = Form.useForm<Values>();
  const { create, update } = useAssignmentRules();
  const units = useOrgUnits(open);
  const regions = useRegions();
  const strategy = Form.useWatch('strategy', form);
  const pool = Form.useWatch('pool', form);
  const provinceOptions = useMemo(() => (regions.data?.options ?? []).map((p) => ({ value: p.value, label: p.label })), [regions.data]);
  const cityOptions = useMemo(
    () => (regions.data?.options ?? []).flatMap((p) => (p.children ?? []).map((c) => ({ value: c.value, label: c.label === p.label ? c.label : `${p.label} ${c.label}` }))),
    [regions.data],
  );
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      rule
        ? { ...rule, pool: rule.poolStoreId ? 'store' : 'team' }
        : { enabled: true, sources: [], provinceCodes: [], cityCodes: [], storeIds: [], strategy: 'store_by_region', userIds: [], poolStoreId: null, pool: 'team' },
    );
  }, [open, rule, form]);
  const any = t('settings.any');
  return (
    <FormModal<Values>
      open={open}
      title={t(rule ? 'settings.editRule' : 'settings.addRule')}
      form={form}
      onClose={onClose}
      saving={create.isPending || update.isPending}
      width={680}
      onSubmit={({ pool: p, ...v }) => {
        const usesTeam = v.strategy === 'round_robin' || (v.strategy === 'least_open' && p === 'team');
        const body = { ...v, userIds: usesTeam ? (v.userIds ?? []) : [], poolStoreId: v.strategy === 'least_open' && p === 'store' ? (v.poolStoreId ?? null) : null };
        return rule ? update.mutateAsync({ id: rule.id, body }) : create.mutateAsync(body);
      }}
    >
      <Form.Item name="name" label={t('settings.ruleName')} rules={[rules.required(t('settings.ruleName')), rules.max(100)]}>
        <Input data-testid="rule-name" />
      </Form.Item>
      <Form.Item name="sources" label={t('settings.sources')}>
        <Select mode="multiple" allowClear placeholder={any} options={options('source')} data-testid="rule-sources" />
      </Form.Item>
      <Form.Item name="provinceCodes" label={t('settings.provinces')}>
        <Select mode="multiple" allowClear placeholder={any} showSearch={{ optionFilterProp: 'label' }} options={provinceOptions} loading={regions.isLoading} data-testid="rule-provinces" />
      </Form.Item>
      <Form.Item name="cityCodes" label={t('settings.cities')}>
        <Select mode="multiple" allowClear placeholder={any} showSearch={{ optionFilterProp: 'label' }} options={cityOptions} loading={regions.isLoading} data-testid="rule-cities" />
      </Form.Item>
      <Form.Item name="storeIds" label={t('settings.stores')}>
        <Select
          mode="multiple"
          allowClear
          placeholder={any}
          showSearch={{ optionFilterProp: 'label' }}
          options={(units.data ?? []).filter((u) => u.kind === 'store').map((u) => ({ value: u.id, label: u.name }))}
          data-testid="rule-stores"
        />
      </Form.Item>
      <Form.Item name="strategy" label={t('settings.strategy')} rules={[rules.requiredSelect(t('settings.strategy'))]}>
        <Select options={options('strategy')} data-testid="rule-strategy" />
      </Form.Item>
      {strategy === 'least_open' ? (
        <Form.Item name="pool" label={t('settings.teamOrStore')}>
          <Select
            options={[
              { value: 'team', label: t('settings.team') },
              { value: 'store', label: t('settings.poolStore') },
            ]}
            data-testid="rule-pool"
          />
        </Form.Item>
      ) : null}
      {strategy === 'round_robin' || (strategy === 'least_open' && pool !== 'store') ? (
        <Form.Item name="userIds" label={t('settings.team')} rules={[{ required: true, type: 'array', min: 1, message: t('common:validation.requiredSelect', { label: t('settings.team') }) }]}>
          <TeamSelect known={rule?.users ?? []} testId="rule-team" />
        </Form.Item>
      ) : null}
      {strategy === 'least_open' && pool === 'store' ? (
        <Form.Item name="poolStoreId" label={t('settings.poolStore')} rules={[rules.requiredSelect(t('settings.poolStore'))]}>
          <StoreSelect testId="rule-pool-store" />
        </Form.Item>
      ) : null}
      <Form.Item name="enabled" label={t('settings.enabled')} valuePropName="checked">
        <Switch />
      </Form.Item>
    </FormModal>
  );
}
