import { useEffect, useState } from 'react';
import { Badge, Button, Flex, Form, Input, Popover, Select } from 'antd';
import { FilterOutlined, SearchOutlined, SortAscendingOutlined, SortDescendingOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useFieldAccess } from '../../../shared/auth/access';
import { DATE_FORMAT } from '../../../shared/format/date';
import { useDebounced } from '../../../shared/hooks/useDebounced';
import { useEnumOptions } from '../../../shared/i18n/enums';
import { CustomFieldInput, type CustomFieldDef, useCustomFieldDefs } from '../../custom-fields';
import { StoreSelect } from '../../org';
import { UserSelect } from '../../users';
import type { CustomerFilters } from '../types';

interface Props {
  filters: CustomerFilters;
  update: (patch: Partial<CustomerFilters>) => void;
  clear: () => void;
  /** The shared pool has no owners to filter by. */
  showOwner?: boolean;
}

/** A filter value as the API takes it: dates YYYY-MM-DD, everything else as text. */
const cfParam = (v: unknown) => (v === undefined || v === null || v === '' ? undefined : dayjs.isDayjs(v) ? v.format(DATE_FORMAT) : String(v));
const cfFormValue = (def: CustomFieldDef, v: string | undefined) =>
  v === undefined ? undefined : def.type === 'date' ? dayjs(v) : def.type === 'number' ? Number(v) : v;

function CustomFieldFilters({ filters, update }: Pick<Props, 'filters' | 'update'>) {
  const { t } = useTranslation('customers');
  const { data: defs } = useCustomFieldDefs();
  const access = useFieldAccess('customer');
  const [form] = Form.useForm();
  const visible = (defs ?? []).filter((d) => access('customFields') !== 'hidden' && access(`customFields.${d.key}`) !== 'hidden');
  const active = visible.filter((d) => filters[`cf_${d.key}`] !== undefined).length;
  if (!visible.length) return null;
  const content = (
    <Form
      form={form}
      layout="vertical"
      style={{ width: 280 }}
      initialValues={Object.fromEntries(visible.map((d) => [d.key, cfFormValue(d, filters[`cf_${d.key}`])]))}
      onValuesChange={(_, all: Record<string, unknown>) =>
        update(Object.fromEntries(visible.map((d) => [`cf_${d.key}`, cfParam(all[d.key])])) as Partial<CustomerFilters>)
      }
    >
      {visible.map((d) => (
        <Form.Item key={d.key} name={d.key} label={d.label} style={{ marginBottom: 12 }}>
          <CustomFieldInput def={d} single />
        </Form.Item>
      ))}
    </Form>
  );
  return (
    <Popover content={content} trigger="click" title={t('list.moreFilters')} placement="bottomLeft">
      <Badge count={active} size="small">
        <Button icon={<FilterOutlined />}>{t('list.moreFilters')}</Button>
      </Badge>
    </Popover>
  );
}

/** Search box and filters of the customer list; every change lands in the URL. */
export function CustomerFilterBar({ filters, update, clear, showOwner = true }: Props) {
  const { t } = useTranslation('customers');
  const access = useFieldAccess('customer');
  const kinds = useEnumOptions('kind');
  const sources = useEnumOptions('source');
  const listStatuses = useEnumOptions('listStatus');
  const [q, setQ] = useState(filters.q ?? '');
  const [tag, setTag] = useState(filters.tag ?? '');
  const dq = useDebounced(q.trim(), 400);
  const dtag = useDebounced(tag.trim(), 400);
  // Only typing drives these: a reset or a link changes filters.q itself, and must not be undone here.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see above
  useEffect(() => {
    if (dq !== (filters.q ?? '')) update({ q: dq || undefined });
  }, [dq]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: see above
  useEffect(() => {
    if (dtag !== (filters.tag ?? '')) update({ tag: dtag || undefined });
  }, [dtag]);
  const visible = (f: string) => access(f) !== 'hidden';
  const sort = filters.sort ?? 'createdAt';
  const order = filters.order ?? 'desc';

  return (
    <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }}>
      <Input
        allowClear
        prefix={<SearchOutlined style={{ color: '#999' }} />}
        value={q}
        onChange={(e) => setQ(e.target.value)}
        onPressEnter={() => update({ q: q.trim() || undefined })}
        placeholder={t('list.searchPlaceholder')}
        style={{ width: 340 }}
        data-testid="customer-search"
      />
      {visible('storeId') ? (
        <StoreSelect value={filters.storeId} onChange={(v) => update({ storeId: v })} style={{ width: 180 }} testId="filter-store" />
      ) : null}
      {showOwner && visible('ownerId') ? (
        <UserSelect
          value={filters.ownerId}
          onChange={(v) => update({ ownerId: v ?? undefined })}
          placeholder={t('list.ownerPlaceholder')}
          style={{ width: 160 }}
        />
      ) : null}
      {visible('tags') ? (
        <Input allowClear value={tag} onChange={(e) => setTag(e.target.value)} placeholder={t('list.tagPlaceholder')} style={{ width: 120 }} />
      ) : null}
      <Select
        allowClear
        value={filters.kind}
        onChange={(v) => update({ kind: v })}
        options={kinds}
        placeholder={t('list.kindPlaceholder')}
        style={{ width: 110 }}
      />
      {visible('source') ? (
        <Select
          allowClear
          value={filters.source}
          onChange={(v) => update({ source: v })}
          options={sources}
          placeholder={t('list.sourcePlaceholder')}
          style={{ width: 140 }}
        />
      ) : null}
      {visible('listStatus') ? (
        <Select
          allowClear
          value={filters.listStatus}
          onChange={(v) => update({ listStatus: v })}
          options={listStatuses}
          placeholder={t('list.listStatusPlaceholder')}
          style={{ width: 120 }}
        />
      ) : null}
      <CustomFieldFilters filters={filters} update={update} />
      <Select
        value={sort}
        onChange={(v) => update({ sort: v === 'createdAt' ? undefined : v })}
        style={{ width: 160 }}
        options={(['createdAt', 'updatedAt', 'name'] as const)
          .filter((s) => s !== 'name' || visible('name'))
          .map((s) => ({ value: s, label: `${t('list.sortBy')}${t('common:colon')}${t(`list.sort.${s}`)}` }))}
        data-testid="customer-sort"
      />
      <Button
        icon={order === 'desc' ? <SortDescendingOutlined /> : <SortAscendingOutlined />}
        onClick={() => update({ order: order === 'desc' ? 'asc' : undefined })}
        title={t(`list.order.${order}`)}
      >
        {t(`list.order.${order}`)}
      </Button>
      <Button
        onClick={() => {
          setQ('');
          setTag('');
          clear();
        }}
      >
        {t('common:action.reset')}
      </Button>
    </Flex>
  );
}
