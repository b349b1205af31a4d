import { useMemo } from 'react';
import type { TableColumnType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFieldAccess } from '../../../shared/auth/access';
import { formatBirthday } from '../../../shared/format/birthday';
import { formatDate, formatDateTime } from '../../../shared/format/date';
import { type EnumName, useEnumLabel } from '../../../shared/i18n/enums';
import { regionText, useRegions } from '../../../shared/regions/regions';
import { customValueText, useCustomFieldDefs } from '../../custom-fields';
import type { Customer } from '../types';
import { ListStatusTag, PhoneList, TagList } from './CustomerCells';

export interface CustomerColumn extends TableColumnType<Customer> {
  key: string;
  /** The customer field the column shows, for field rules (hidden → no column). */
  field: string;
  label: string;
}

/** Column keys match the export's column keys, so "export what I see" passes them through. */
export const DEFAULT_COLUMNS = ['name', 'code', 'phones', 'tags', 'store', 'ownerName', 'source', 'listStatus', 'createdAt'];
const SORTABLE = new Set(['name', 'createdAt', 'updatedAt']);

/** Every column the customer table can show, in the user's language, minus fields hidden from the role. */
export function useCustomerColumns(): CustomerColumn[] {
  const { t } = useTranslation('customers');
  const label = useEnumLabel();
  const access = useFieldAccess('customer');
  const { data: defs } = useCustomFieldDefs();
  const { data: regions } = useRegions();

  return useMemo(() => {
    const f = (key: string) => t(`field.${key}`);
    const enumCol = (key: string, name: EnumName): CustomerColumn => ({
      key,
      field: key,
      label: f(key),
      render: (_, c) => label(name, (c as Record<string, unknown>)[key] as string | null),
    });
    const text = (key: keyof Customer): CustomerColumn => ({ key, field: key, label: f(key), render: (_, c) => (c[key] as string | null) ?? '' });
    const cols: CustomerColumn[] = [
      { key: 'name', field: 'name', label: f('name'), render: (_, c) => <strong>{c.name}</strong>, fixed: 'left' },
      { key: 'code', field: 'code', label: f('code'), dataIndex: 'code' },
      enumCol('kind', 'kind'),
      { key: 'phones', field: 'phones', label: f('phones'), render: (_, c) => <PhoneList phones={c.phones} /> },
      enumCol('gender', 'gender'),
      { key: 'birthday', field: 'birthday', label: f('birthday'), render: (_, c) => formatBirthday(c.birthday) },
      enumCol('ageBand', 'ageBand'),
      text('occupation'),
      enumCol('incomeBand', 'incomeBand'),
      text('email'),
      text('wechat'),
      {
        key: 'region',
        field: 'provinceCode',
        label: f('region'),
        render: (_, c) => regionText(regions, [c.provinceCode, c.cityCode, c.districtCode]),
      },
      { key: 'tags', field: 'tags', label: f('tags'), render: (_, c) => <TagList tags={c.tags} /> },
      { key: 'store', field: 'storeId', label: f('store'), render: (_, c) => c.storeName ?? '' },
      { key: 'ownerName', field: 'ownerId', label: f('ownerName'), render: (_, c) => c.ownerName ?? '' },
      enumCol('source', 'source'),
      enumCol('creditRating', 'creditRating'),
      { key: 'listStatus', field: 'listStatus', label: f('listStatus'), render: (_, c) => <ListStatusTag status={c.listStatus} /> },
      { key: 'lastContactAt', field: 'lastContactAt', label: f('lastContactAt'), render: (_, c) => formatDate(c.lastContactAt) },
      { key: 'createdAt', field: 'createdAt', label: f('createdAt'), render: (_, c) => formatDateTime(c.createdAt) },
      { key: 'updatedAt', field: 'updatedAt', label: f('updatedAt'), render: (_, c) => formatDateTime(c.updatedAt) },
      ...(defs ?? [])
        .filter((d) => access(`customFields.${d.key}`) !== 'hidden')
        .map(
          (d): CustomerColumn => ({
            key: `cf_${d.key}`,
            field: 'customFields',
            label: d.label,
            render: (_, c) => customValueText(c.customFields?.[d.key]),
          }),
        ),
    ];
    return cols
      .filter((c) => access(c.field) !== 'hidden')
      .map((c) => ({ ...c, title: c.label, sorter: SORTABLE.has(c.key), ellipsis: c.key === 'email' }));
  }, [t, label, access, defs, regions]);
}
