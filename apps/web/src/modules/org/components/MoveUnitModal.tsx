import { useCallback, useEffect, useMemo } from 'react';
import { Alert, App, Form, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { validated } from '../../../shared/forms/validated';
import { useFormErrors } from '../../../shared/api/useFormErrors';
import { useRules } from '../../../shared/forms/rules';
import { type OrgUnit, useOrgUnits, useUpdateUnit } from '../api';
import { subtreeIds } from '../tree';
import { UnitTreeSelect } from './UnitSelects';

/** Move a unit (and its subtree) under another parent; stores and the unit's own subtree are not offered. */
export function MoveUnitModal({ unit, onClose }: { unit: OrgUnit | null; onClose: () => void }) {
  const { t } = useTranslation('org');
  const { message } = App.useApp();
  const rules = useRules();
  const [form] = Form.useForm<{ parentId: string }>();
  const onError = useFormErrors();
  const update = useUpdateUnit();
  const { data: units } = useOrgUnits();
  const blocked = useMemo(() => (unit && units ? subtreeIds(units, unit.id) : new Set<string>()), [unit, units]);
  const disable = useCallback((u: OrgUnit) => u.kind === 'store' || blocked.has(u.id), [blocked]);

  useEffect(() => {
    if (unit) form.setFieldsValue({ parentId: unit.parentId ?? undefined });
  }, [unit, form]);

  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    try {
      await update.mutateAsync({ id: unit!.id, parentId: v.parentId });
      message.success(t('message.moved'));
      onClose();
    } catch (e) {
      onError(form, e);
    }
  };

  return (
    <Modal open={!!unit} title={t('modal.move')} onCancel={onClose} onOk={submit} confirmLoading={update.isPending} destroyOnHidden>
      <Alert type="info" showIcon title={t('modal.moveHint')} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical">
        <Form.Item name="parentId" label={t('field.parentId')} rules={[rules.requiredSelect(t('field.parentId'))]}>
          <UnitTreeSelect disable={disable} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
