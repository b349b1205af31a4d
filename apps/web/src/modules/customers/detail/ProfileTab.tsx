import type { ReactNode } from 'react';
import { Descriptions, Divider, Empty } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFieldAccess } from '../../../shared/auth/access';
import { formatBirthday } from '../../../shared/format/birthday';
import { formatDate, formatDateTime } from '../../../shared/format/date';
import { type EnumName, useEnumLabel } from '../../../shared/i18n/enums';
import { regionText, useRegions } from '../../../shared/regions/regions';
import { customValueText, useCustomFieldDefs } from '../../custom-fields';
import type { Customer } from '../types';

/** 基本资料: every visible field with its label; hidden fields are absent from the record and not shown. */
export function ProfileTab({ customer }: { customer: Customer }) {
  const { t } = useTranslation('customers');
  const label = useEnumLabel();
  const access = useFieldAccess('customer');
  const { data: regions } = useRegions();
  const { data: defs } = useCustomFieldDefs();
  const c = customer as Record<string, unknown>;
  const none = t('common:state.none');

  const rows: [string, ReactNode][] = [];
  const add = (field: string, value: ReactNode) => {
    if (field in c) rows.push([field, value === '' || value === null || value === undefined ? none : value]);
  };
  const enumField = (field: string, name: EnumName) => add(field, label(name, c[field] as string | null));
  const text = (field: string) => add(field, c[field] as string | null);

  enumField('kind', 'kind');
  text('name');
  enumField('gender', 'gender');
  add('birthday', formatBirthday(customer.birthday));
  add('weddingAnniversary', formatDate(customer.weddingAnniversary));
  enumField('ageBand', 'ageBand');
  enumField('education', 'education');
  text('occupation');
  text('title');
  enumField('incomeBand', 'incomeBand');
  enumField('maritalStatus', 'maritalStatus');
  text('industry');
  text('email');
  text('wechat');
  text('qq');
  text('otherIm');
  if ('provinceCode' in c) rows.push(['region', regionText(regions, [customer.provinceCode, customer.cityCode, customer.districtCode]) || none]);
  text('address');
  add('hobbies', customer.hobbies?.join('、'));
  text('referrer');
  enumField('source', 'source');
  enumField('creditRating', 'creditRating');
  enumField('listStatus', 'listStatus');
  if (customer.listStatus && customer.listStatus !== 'none') text('listReason');
  add('lastContactAt', formatDate(customer.lastContactAt));
  add('createdAt', formatDateTime(customer.createdAt));
  add('updatedAt', formatDateTime(customer.updatedAt));
  text('notes');

  const custom = 'customFields' in c ? (defs ?? []).filter((d) => access(`customFields.${d.key}`) !== 'hidden') : [];

  return (
    <>
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 2, xl: 3 }}
        items={rows.map(([field, value]) => ({
          key: field,
          label: t(`field.${field}`),
          children: value,
          span: field === 'notes' || field === 'address' ? ('filled' as const) : undefined,
        }))}
        data-testid="customer-profile"
      />
      <Divider titlePlacement="start">{t('field.customFields')}</Divider>
      {custom.length ? (
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, md: 2, xl: 3 }}
          items={custom.map((d) => ({ key: d.key, label: d.label, children: customValueText(customer.customFields?.[d.key]) || none }))}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('detail.customFieldsEmpty')} />
      )}
    </>
  );
}
