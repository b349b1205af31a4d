import type { ReactNode } from 'react';
import { Col, ConfigProvider, Form } from 'antd';
import type { FormItemProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFieldAccess } from '../../../shared/auth/access';

/** Applies the role's field rule: hidden → nothing rendered; read-only → rendered disabled. */
export function FieldGate({ field, children }: { field: string; children: ReactNode }) {
  const access = useFieldAccess('customer')(field);
  if (access === 'hidden') return null;
  if (access === 'readonly') return <ConfigProvider componentDisabled>{children}</ConfigProvider>;
  return children;
}

/** A form field of a customer in a grid column, labelled from the locale and gated by field rules. */
export function RuledItem({ field, span = 8, label, name, children, ...rest }: FormItemProps & { field: string; span?: number }) {
  const { t } = useTranslation('customers');
  return (
    <FieldGate field={field}>
      <Col xs={24} md={span}>
        <Form.Item name={name ?? field} label={label ?? t(`field.${field}`)} {...rest}>
          {children}
        </Form.Item>
      </Col>
    </FieldGate>
  );
}
