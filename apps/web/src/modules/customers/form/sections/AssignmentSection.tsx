import { Form, Input, Row, Select } from 'antd';
import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRules } from '../../../../shared/forms/rules';
import { useEnumOptions } from '../../../../shared/i18n/enums';
import { StoreSelect } from '../../../org';
import { UserSelect } from '../../../users';
import { RuledItem } from '../FieldGate';

/** Source, referrer, owner, store, tags, hobbies, credit rating and the black/white list. */
export function AssignmentSection({ form, ownerName }: { form: FormInstance; ownerName?: string | null }) {
  const { t } = useTranslation('customers');
  const rules = useRules();
  const sources = useEnumOptions('source');
  const ratings = useEnumOptions('creditRating');
  const listStatuses = useEnumOptions('listStatus');
  const listStatus = Form.useWatch('listStatus', form);
  return (
    <Row gutter={16}>
      <RuledItem field="source">
        <Select allowClear options={sources} />
      </RuledItem>
      <RuledItem field="referrer" rules={[rules.max(100)]}>
        <Input />
      </RuledItem>
      <RuledItem field="ownerId">
        <UserSelect initialLabel={ownerName} />
      </RuledItem>
      <RuledItem field="storeId">
        <StoreSelect placeholder={t('field.storeId')} style={{ width: '100%' }} />
      </RuledItem>
      <RuledItem field="tags" span={16}>
        <Select mode="tags" open={false} tokenSeparators={[',', '，', ' ']} placeholder={t('form.tagsPlaceholder')} />
      </RuledItem>
      <RuledItem field="hobbies" span={16}>
        <Select mode="tags" open={false} tokenSeparators={[',', '，', '、']} placeholder={t('form.hobbiesPlaceholder')} />
      </RuledItem>
      <RuledItem field="creditRating">
        <Select allowClear options={ratings} />
      </RuledItem>
      <RuledItem field="listStatus">
        <Select options={listStatuses} />
      </RuledItem>
      {listStatus && listStatus !== 'none' ? (
        <RuledItem field="listReason" span={16} rules={[rules.max(300)]}>
          <Input />
        </RuledItem>
      ) : null}
    </Row>
  );
}
