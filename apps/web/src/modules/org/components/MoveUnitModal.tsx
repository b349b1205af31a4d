import { useCallback, useEffect, useMemo } from 'react';
import { Alert, Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../shared/components/FormModal';
import { useRules } from '../../../shared/forms/rules';
import { type OrgUnit, useOrgUnits, useUpdateUnit } from '../api';
import { subtreeIds } from '../tree';
import { UnitTreeSelect } from './UnitSelects';

/** Move a unit (and its subtree) under another parent; stores and the unit's own subtree are not offered. */
export function MoveUnitModal({ unit, onClose }: { unit: OrgUnit | null; onClose: () => void }) {
  const { t } = useTranslation('org');
  const rules = useRules();
  const [form] = Form.useForm<{ parentId: string }>();
  const update = useUpdateUnit();
  const { data: units } = useOrgUnits();
  const blocked = useMemo(() => (unit && units ? subtreeIds(units, unit.id) : new Set<string>()), [unit, units]);
  const disable = useCallback((u: OrgUnit) => u.kind === 'store' || blocked.has(u.id), [blocked]);

  useEffect(() => {
    if (unit) form.setFieldsValue({ parentId: unit.parentId ?? undefined });
  }, [unit, form]);

  return (
    <FormModal
      open={!!unit}
      title={t('modal.move')}
      form={form}
      onClose={onClose}
      onSubmit={(v) => update.mutateAsync({ id: unit!.id, parentId: v.parentId })}
      saving={update.isPending}
      okText={null}
      success={t('message.moved')}
      intro={<Alert type="info" showIcon title={t('modal.moveHint')} style={{ marginBottom: 16 }} />}
    >
      <Form.Item name="parentId" label={t('field.parentId')} rules={[rules.requiredSelect(t('field.parentId'))]}>
        <UnitTreeSelect disable={disable} />
      </Form.Item>
    </FormModal>
  );
}
