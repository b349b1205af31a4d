import { Button, DatePicker, Flex, Input, Segmented, Select } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../shared/auth/access';
import { DATE_FORMAT } from '../../../shared/format/date';
import { StoreSelect } from '../../org';
import { UserSelect } from '../../users';
import { useLeadLabels } from '../labels';
import type { LeadFilters } from '../api';
import type { useLeadFilters } from './useLeadFilters';

type Ctl = ReturnType<typeof useLeadFilters>;

/** Tabs (我的线索 / 待分配 for those who assign / 全部) and the filters of the lead list. */
export function LeadFilterBar({ filters, update }: { filters: LeadFilters; update: Ctl['update'] }) {
  const { t } = useTranslation('leads');
  const { options } = useLeadLabels();
  const canAssign = useCan('leads:assign');
  const tabs = (['mine', ...(canAssign ? ['unassigned'] : []), 'all'] as const).map((q) => ({ value: q, label: t(`list.tabs.${q === 'unassigned' ? 'queue' : q}`) }));
  const { queue: _q, ...narrowing } = filters;
  return (
    <Flex vertical gap={12} style={{ marginBottom: 16 }}>
      <Segmented
        value={filters.queue ?? 'all'}
        onChange={(v) => update({ queue: v === 'all' ? undefined : String(v) })}
        options={tabs}
        data-testid="lead-tabs"
      />
      <Flex wrap gap={8} align="center">
        <Input.Search
          allowClear
          defaultValue={filters.q}
          placeholder={t('list.search')}
          onSearch={(v) => update({ q: v.trim() || undefined })}
          style={{ width: 200 }}
          data-testid="lead-search"
        />
        <Select
          allowClear
          placeholder={t('list.anyStatus')}
          value={filters.status}
          onChange={(v) => update({ status: v })}
          options={[{ value: 'open', label: t('list.openOnly') }, ...options('status')]}
          style={{ width: 180 }}
          data-testid="lead-filter-status"
        />
        <Select allowClear placeholder={t('field.source')} value={filters.source} onChange={(v) => update({ source: v })} options={options('source')} style={{ width: 140 }} data-testid="lead-filter-source" />
        <StoreSelect value={filters.storeId} onChange={(v) => update({ storeId: v })} style={{ width: 180 }} testId="lead-filter-store" />
        {filters.queue !== 'unassigned' && filters.queue !== 'mine' ? (
          <div style={{ width: 180 }}>
            <UserSelect value={filters.assigneeId} onChange={(v) => update({ assigneeId: v ?? undefined })} placeholder={t('field.assignee')} testId="lead-filter-assignee" />
          </div>
        ) : null}
        <DatePicker.RangePicker
          value={[filters.createdFrom ? dayjs(filters.createdFrom) : null, filters.createdTo ? dayjs(filters.createdTo) : null]}
          onChange={(r) => update({ createdFrom: r?.[0]?.format(DATE_FORMAT), createdTo: r?.[1]?.format(DATE_FORMAT) })}
          allowEmpty={[true, true]}
          data-testid="lead-filter-created"
        />
        {Object.keys(narrowing).length ? (
          <Button type="link" onClick={() => update(Object.fromEntries(Object.keys(narrowing).map((k) => [k, undefined])))}>
            {t('list.clear')}
          </Button>
        ) : null}
      </Flex>
    </Flex>
  );
}
