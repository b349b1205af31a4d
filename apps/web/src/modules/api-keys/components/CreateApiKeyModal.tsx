import { useState } from 'react';
import { Alert, Button, Flex, Form, Input, Modal, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CopyButton } from '../../../shared/components/CopyButton';
import { FormModal } from '../../../shared/components/FormModal';
import { useRules } from '../../../shared/forms/rules';
import { UnitTreeSelect } from '../../org';
import { useRoles } from '../../roles';
import { useCreateApiKey } from '../api';

interface Values {
  name: string;
  roleId: string;
  unitId: string;
}

/** Create a key, then show the secret once with a copy button and a warning. */
export function CreateApiKeyModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('apiKeys');
  const rules = useRules();
  const [form] = Form.useForm<Values>();
  const create = useCreateApiKey();
  const { data: roles } = useRoles(open);
  const [secret, setSecret] = useState<string | null>(null);

  const close = () => {
    setSecret(null);
    form.resetFields();
    onClose();
  };
  /** The modal stays open and shows the secret once. */
  const submit = async (v: Values) => {
    setSecret((await create.mutateAsync(v)).key);
    return false;
  };

  if (secret) {
    return (
      <Modal
        open={open}
        title={t('modal.created')}
        closable={false}
        mask={{ closable: false }}
        footer={
          <Button type="primary" onClick={close}>
            {t('modal.done')}
          </Button>
        }
      >
        <Alert type="warning" showIcon title={t('modal.warning')} style={{ marginBottom: 16 }} />
        <Flex gap={8} align="center">
          <Typography.Text code style={{ wordBreak: 'break-all', flex: 1 }} data-testid="api-key-secret">
            {secret}
          </Typography.Text>
          <CopyButton text={secret} testId="api-key-copy" />
        </Flex>
      </Modal>
    );
  }
  return (
    <FormModal
      open={open}
      title={t('modal.create')}
      form={form}
      onClose={close}
      onSubmit={submit}
      saving={create.isPending}
      okText={t('common:action.create')}
    >
      <Form.Item name="name" label={t('field.name')} rules={[rules.required(t('field.name')), rules.max(64)]}>
        <Input placeholder="ERP" />
      </Form.Item>
      <Form.Item name="roleId" label={t('field.roleId')} rules={[rules.requiredSelect(t('field.roleId'))]}>
        <Select options={(roles ?? []).map((r) => ({ value: r.id, label: r.name }))} />
      </Form.Item>
      <Form.Item name="unitId" label={t('field.unitId')} rules={[rules.requiredSelect(t('field.unitId'))]}>
        <UnitTreeSelect />
      </Form.Item>
    </FormModal>
  );
}
