import { Button, Flex, Form, Input } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useRules } from '../../../shared/forms/rules';

/** A growing list of phone numbers; masked numbers sent by the server are accepted as they are. */
export function PhoneListField({ name = 'phones', label, max = 10 }: { name?: string; label: string; max?: number }) {
  const { t } = useTranslation('customers');
  const rules = useRules();
  return (
    <Form.Item label={label} required={false}>
      <Form.List name={name}>
        {(fields, { add, remove }) => (
          <Flex vertical gap={8}>
            {fields.map((f, i) => (
              <Flex key={f.key} gap={8} align="baseline">
                <Form.Item name={f.name} noStyle rules={[rules.phone(true)]} validateTrigger={['onBlur', 'onChange']}>
                  <Input placeholder={t('form.phonePlaceholder')} inputMode="tel" id={`${name}_${i}`} data-testid={`${name}-${i}`} />
                </Form.Item>
                {fields.length > 1 ? <MinusCircleOutlined onClick={() => remove(f.name)} style={{ color: '#999' }} /> : null}
              </Flex>
            ))}
            {fields.length < max ? (
              <Button type="dashed" onClick={() => add('')} icon={<PlusOutlined />} style={{ width: 160 }}>
                {t('form.addPhone')}
              </Button>
            ) : null}
          </Flex>
        )}
      </Form.List>
    </Form.Item>
  );
}
