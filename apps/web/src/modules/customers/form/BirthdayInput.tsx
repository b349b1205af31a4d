import { Checkbox, Col, Flex, Form, InputNumber, Radio, Select } from 'antd';
import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { lunarDayName, lunarMonthName, solarDaysInMonth } from '../../../shared/format/birthday';
import { useEnumOptions } from '../../../shared/i18n/enums';
import { FieldGate } from './FieldGate';

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

/** 公历/农历 switch, optional year, month and day pickers; a lunar date may be in a leap month and has at most 30 days. */
export function BirthdayInput({ form }: { form: FormInstance }) {
  const { t } = useTranslation('customers');
  const calendars = useEnumOptions('calendar');
  const calendar = Form.useWatch(['birthday', 'calendar'], form) ?? 'solar';
  const lunar = calendar === 'lunar';

  const dayRule = {
    validator: async () => {
      const b = form.getFieldValue('birthday') as { calendar?: string; year?: number; month?: number; day?: number } | undefined;
      if (!b?.month && !b?.day) return;
      if (!b.month || !b.day) throw new Error(t('form.birthday.incomplete'));
      const max = b.calendar === 'lunar' ? 30 : solarDaysInMonth(b.month, b.year);
      if (b.day > max) throw new Error(t('form.birthday.invalidDay'));
    },
  };

  return (
    <FieldGate field="birthday">
      <Col xs={24} md={16}>
        <Form.Item label={t('field.birthday')}>
          <Flex gap={8} wrap align="center">
            <Form.Item name={['birthday', 'calendar']} noStyle>
              <Radio.Group options={calendars} optionType="button" size="middle" />
            </Form.Item>
            <Form.Item name={['birthday', 'year']} noStyle>
              <InputNumber min={1900} max={2100} placeholder={t('form.birthday.year')} style={{ width: 120 }} />
            </Form.Item>
            <Form.Item name={['birthday', 'month']} noStyle dependencies={[['birthday', 'day']]}>
              <Select
                allowClear
                placeholder={t('form.birthday.month')}
                style={{ width: 100 }}
                options={range(12).map((m) => ({ value: m, label: lunar ? lunarMonthName(m) : t('form.birthday.monthLabel', { month: m }) }))}
                data-testid="birthday-month"
              />
            </Form.Item>
            <Form.Item
              name={['birthday', 'day']}
              noStyle
              rules={[dayRule]}
              dependencies={[
                ['birthday', 'month'],
                ['birthday', 'calendar'],
                ['birthday', 'year'],
              ]}
            >
              <Select
                allowClear
                placeholder={t('form.birthday.day')}
                style={{ width: 100 }}
                options={range(lunar ? 30 : 31).map((d) => ({ value: d, label: lunar ? lunarDayName(d) : t('form.birthday.dayLabel', { day: d }) }))}
                data-testid="birthday-day"
              />
            </Form.Item>
            {lunar ? (
              <Form.Item name={['birthday', 'leapMonth']} valuePropName="checked" noStyle>
                <Checkbox>{t('form.birthday.leapMonth')}</Checkbox>
              </Form.Item>
            ) : null}
          </Flex>
        </Form.Item>
      </Col>
    </FieldGate>
  );
}
