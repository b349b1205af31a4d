import { DatePicker, Form, Input, Radio, Row, Select } from 'antd';
import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRules } from '../../../../shared/forms/rules';
import { useEnumOptions } from '../../../../shared/i18n/enums';
import { BirthdayInput } from '../BirthdayInput';
import { RuledItem } from '../FieldGate';

/** Type, name and the personal profile: gender, birthday, anniversary, age band, education, work, income, marriage. */
export function BasicSection({ form }: { form: FormInstance }) {
  const { t } = useTranslation('customers');
  const rules = useRules();
  const kinds = useEnumOptions('kind');
  const genders = useEnumOptions('gender');
  const ageBands = useEnumOptions('ageBand');
  const educations = useEnumOptions('education');
  const incomes = useEnumOptions('incomeBand');
  const maritals = useEnumOptions('maritalStatus');
  const kind = Form.useWatch('kind', form);
  const person = kind !== 'company';
  return (
    <Row gutter={16}>
      <RuledItem field="kind">
        <Radio.Group options={kinds} optionType="button" buttonStyle="solid" />
      </RuledItem>
      <RuledItem field="name" span={8} rules={[rules.required(t('field.name')), rules.max(100)]}>
        <Input autoComplete="off" maxLength={100} />
      </RuledItem>
      {person ? (
        <RuledItem field="gender">
          <Radio.Group options={genders} />
        </RuledItem>
      ) : (
        <RuledItem field="industry" rules={[rules.max(100)]}>
          <Input />
        </RuledItem>
      )}
      {person ? (
        <>
          <BirthdayInput form={form} />
          <RuledItem field="weddingAnniversary">
            <DatePicker style={{ width: '100%' }} />
          </RuledItem>
          <RuledItem field="ageBand">
            <Select allowClear options={ageBands} />
          </RuledItem>
          <RuledItem field="education">
            <Select allowClear options={educations} />
          </RuledItem>
          <RuledItem field="maritalStatus">
            <Select allowClear options={maritals} />
          </RuledItem>
          <RuledItem field="occupation" rules={[rules.max(100)]}>
            <Input />
          </RuledItem>
          <RuledItem field="title" rules={[rules.max(100)]}>
            <Input />
          </RuledItem>
          <RuledItem field="incomeBand">
            <Select allowClear options={incomes} />
          </RuledItem>
          <RuledItem field="industry" rules={[rules.max(100)]}>
            <Input />
          </RuledItem>
        </>
      ) : (
        <RuledItem field="title" rules={[rules.max(100)]}>
          <Input />
        </RuledItem>
      )}
    </Row>
  );
}
