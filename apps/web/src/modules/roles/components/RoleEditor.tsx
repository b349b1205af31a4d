import { useEffect } from 'react';
import { App, Button, Card, Divider, Form, Input, Radio, Space, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DataScope } from '@jiake/shared';
import { useFormErrors } from '../../../shared/api/useFormErrors';
import { useRules } from '../../../shared/forms/rules';
import { useEnumOptions } from '../../../shared/i18n/enums';
import { RecordHistory } from '../../audit';
import { type Role, useCreateRole, usePermissionKeys, useUpdateRole } from '../api';
import { FieldRulesTable } from './FieldRulesTable';
import { PermissionMatrix } from './PermissionMatrix';

interface Values {
  name: string;
  description?: string | null;
  dataScope: DataScope;
  permissions: string[];
  fieldRules: Record<string, 'hidden' | 'readonly' | 'editable'>;
}

const EMPTY: Values = { name: '', description: '', dataScope: 'own', permissions: [], fieldRules: {} };

/** Edit a role (or a new one when `role` is null): name, data scope, permission matrix, field rules. */
export function RoleEditor({ editing: role, readOnly, onSaved }: { editing: Role | null; readOnly: boolean; onSaved: (r: Role) => void }) {
  const { t } = useTranslation('roles');
  const { message } = App.useApp();
  const rules = useRules();
  const [form] = Form.useForm<Values>();
  const onError = useFormErrors();
  const { data: keys, isLoading } = usePermissionKeys();
  const create = useCreateRole();
  const update = useUpdateRole();
  const scopes = useEnumOptions('dataScope');

  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(role ? { ...role, description: role.description ?? '' } : EMPTY);
  }, [role, form]);

  const submit = async (v: Values) => {
    const body = { ...v, description: v.description?.trim() || null };
    try {
      const saved = role ? await update.mutateAsync({ id: role.id, ...body }) : await create.mutateAsync(body);
      message.success(t('common:message.saved'));
      onSaved(saved);
    } catch (e) {
      onError(form, e);
    }
  };

  return (
    <Card
      title={
        <>
          {role?.name ?? t('newRole')} {role?.builtin ? <Tag color="gold">{t('field.builtin')}</Tag> : null}
        </>
      }
      extra={
        <Space>
          {role ? <RecordHistory entityType="role" id={role.id} name={role.name} type="default" size="middle" /> : null}
          {readOnly ? null : (
            <Button type="primary" onClick={() => form.submit()} loading={create.isPending || update.isPending} data-testid="role-save">
              {t('common:action.save')}
            </Button>
          )}
        </Space>
      }
    >
      <Form form={form} layout="vertical" onFinish={submit} disabled={readOnly}>
        <Form.Item name="name" label={t('field.name')} rules={[rules.required(t('field.name')), rules.max(64)]}>
          <Input style={{ maxWidth: 360 }} />
        </Form.Item>
        <Form.Item name="description" label={t('field.description')} rules={[rules.max(500)]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Divider titlePlacement="start">{t('section.dataScope')}</Divider>
        <Typography.Paragraph type="secondary">{t('section.dataScopeHint')}</Typography.Paragraph>
        <Form.Item name="dataScope">
          <Radio.Group options={scopes} optionType="button" buttonStyle="solid" />
        </Form.Item>
        <Divider titlePlacement="start">{t('section.permissions')}</Divider>
        <Typography.Paragraph type="secondary">{t('section.permissionsHint')}</Typography.Paragraph>
        {isLoading ? (
          <Spin />
        ) : (
          <Form.Item name="permissions">
            <PermissionMatrix keys={keys ?? []} disabled={readOnly} />
          </Form.Item>
        )}
        <Divider titlePlacement="start">{t('section.fieldRules')}</Divider>
        <Typography.Paragraph type="secondary">{t('section.fieldRulesHint')}</Typography.Paragraph>
        <Form.Item name="fieldRules">
          <FieldRulesTable disabled={readOnly} />
        </Form.Item>
      </Form>
    </Card>
  );
}
