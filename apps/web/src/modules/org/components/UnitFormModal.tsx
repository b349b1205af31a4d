import { useEffect } from 'react';
import { Form, Input, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../shared/components/FormModal';
import { useRules } from '../../../shared/forms/rules';
import { useEnumOptions } from '../../../shared/i18n/enums';
import { RegionCascader } from '../../../shared/regions/RegionCascader';
import { type OrgUnit, useCreateUnit, useUpdateUnit } from '../api';

type Mode = { kind: 'create'; parent: OrgUnit; unitKind: 'region' | 'store' } | { kind: 'edit'; unit: OrgUnit };

interface Values {
  kind: 'region' | 'store';
  storeKind?: 'direct' | 'franchise' | 'dealer';
  code: string;
  name: string;
  region?: string[];
}

/** Create a region or store under a parent, or rename a unit / change a store's kind. */
export function UnitFormModal({ mode, onClose }: { mode: Mode | null; onClose: () => void }) {
  const { t } = useTranslation('org');
  const rules = useRules();
  const [form] = Form.useForm<Values>();
  const create = useCreateUnit();
  const update = useUpdateUnit();
  const storeKinds = useEnumOptions('storeKind');
  const kind = Form.useWatch('kind', form);

  useEffect(() => {
    if (!mode) return;
    form.resetFields();
    if (mode.kind === 'create') form.setFieldsValue({ kind: mode.unitKind, storeKind: mode.unitKind === 'store' ? 'direct' : undefined });
    else
      form.setFieldsValue({
        kind: mode.unit.kind === 'store' ? 'store' : 'region',
        name: mode.unit.name,
        code: mode.unit.code,
        storeKind: mode.unit.storeKind ?? undefined,
      });
  }, [mode, form]);

  const submit = async (v: Values) => {
    if (mode?.kind === 'create') {
      const [provinceCode, cityCode] = v.region ?? [];
      return create.mutateAsync({
        parentId: mode.parent.id,
        kind: v.kind,
        storeKind: v.kind === 'store' ? v.storeKind : null,
        code: v.code.trim(),
        name: v.name,
        provinceCode: provinceCode ?? null,
        cityCode: cityCode ?? null,
      });
    }
    if (mode?.kind === 'edit') {
      return update.mutateAsync({
        id: mode.unit.id,
        name: v.name,
        ...(mode.unit.kind === 'store' && v.storeKind ? { storeKind: v.storeKind } : {}),
      });
    }
  };

  const editing = mode?.kind === 'edit';
  return (
    <FormModal
      open={!!mode}
      title={editing ? t('modal.edit') : t('modal.create')}
      form={form}
      onClose={onClose}
      onSubmit={submit}
      saving={create.isPending || update.isPending}
      success={editing ? t('common:message.saved') : t('common:message.created')}
      errors={{ mapName: (n) => (n[0] === 'provinceCode' || n[0] === 'cityCode' ? ['region'] : n) }}
      preserve={false}
    >
      {mode?.kind === 'create' ? (
        <Form.Item label={t('field.parentId')}>
          <Input value={mode.parent.name} disabled />
        </Form.Item>
      ) : null}
      <Form.Item name="kind" label={t('field.kind')}>
        <Radio.Group
          disabled={editing}
          options={[
            { value: 'region', label: t('common:enum.unitKind.region') },
            { value: 'store', label: t('common:enum.unitKind.store') },
          ]}
        />
      </Form.Item>
      {kind === 'store' ? (
        <Form.Item name="storeKind" label={t('field.storeKind')} rules={[rules.requiredSelect(t('field.storeKind'))]}>
          <Radio.Group options={storeKinds} optionType="button" />
        </Form.Item>
      ) : null}
      <Form.Item name="code" label={t('field.code')} rules={editing ? [] : [rules.required(t('field.code')), rules.code, rules.max(32)]}>
        <Input disabled={editing} placeholder="SH-XH" />
      </Form.Item>
      <Form.Item name="name" label={t('field.name')} rules={[rules.required(t('field.name')), rules.max(100)]}>
        <Input />
      </Form.Item>
      {!editing ? (
        <Form.Item name="region" label={t('field.region')}>
          <RegionCascader />
        </Form.Item>
      ) : null}
    </FormModal>
  );
}
