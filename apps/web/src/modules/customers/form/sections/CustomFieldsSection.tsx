import { Col, Form, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { type CustomFieldDef, CustomFieldInput } from '../../../custom-fields';
import { FieldGate } from '../FieldGate';

/** The tenant's custom fields, rendered by type; required ones are required. */
export function CustomFieldsSection({ defs }: { defs: CustomFieldDef[] }) {
  const { t } = useTranslation('customers');
  return (
    <FieldGate field="customFields">
      <Row gutter={16}>
        {defs.map((d) => (
          <FieldGate key={d.key} field={`customFields.${d.key}`}>
            <Col xs={24} md={d.type === 'multiselect' || d.type === 'text' ? 12 : 8}>
              <Form.Item
                name={['customFields', d.key]}
                label={d.label}
                rules={
                  d.required
                    ? [
                        {
                          required: true,
                          message: t(
                            d.type === 'select' || d.type === 'multiselect' || d.type === 'date'
                              ? 'common:validation.requiredSelect'
                              : 'common:validation.required',
                            {
                              label: d.label,
                            },
                          ),
                        },
                      ]
                    : []
                }
              >
                <CustomFieldInput def={d} id={`cf_${d.key}`} />
              </Form.Item>
            </Col>
          </FieldGate>
        ))}
      </Row>
    </FieldGate>
  );
}
