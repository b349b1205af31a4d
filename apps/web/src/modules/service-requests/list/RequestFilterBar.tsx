import { Button, Checkbox, Flex, Input, Segmented, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { StoreSelect } from '../../org';
import { UserSelect } from '../../users';
import { useRequestLabels } from '../labels';
import type { RequestFilters } from '../api';
import type { useRequestFilters } from './useRequestFilters';

type Ctl = ReturnType<typeof useRequestFilters>;

/** Queues (mine, store queue, escalated to me) and filters of the request list. */
export function RequestFilterBar({ filters, update, clear }: { filters: RequestFilters; update: Ctl['update']; clear: Ctl['clear'] }) {
  const { t } = useTranslation('requests');
  const { options } = useRequestLabels();
  const statusOptions = [{ value: 'open', label: t('list.openOnly') }, ...options('status')];
  return (
    <Flex vertical gap={12} style={{ marginBottom: 16 }}>
      <Segmented
        value={filters.queue ?? 'all'}
        onChange={(v) => update({ queue: v === 'all' ? undefined : String(v) })}
        options={(['all', 'mine', 'store', 'escalated'] as const).map((q) => ({ value: q, label: t(`list.queue.${q}`) }))}
        data-testid="request-queue"
      />
      <Flex wrap gap={8} align="center">
        <Input.Search
          allowClear
          defaultValue={filters.q}
          placeholder={t('list.search')}
          onSearch={(v) => update({ q: v.trim() || undefined })}
          style={{ width: 220 }}
          data-testid="request-search"
        />
        <Select allowClear placeholder={t('list.anyStatus')} value={filters.status} onChange={(v) => update({ status: v })} options={statusOptions} style={{ width: 140 }} data-testid="filter-status" />
        <Select allowClear placeholder={t('field.type')} value={filters.type} onChange={(v) => update({ type: v })} options={options('type')} style={{ width: 140 }} data-testid="filter-type" />
        <Select allowClear placeholder={t('field.priority')} value={filters.priority} onChange={(v) => update({ priority: v })} options={options('priority')} style={{ width: 110 }} data-testid="filter-priority" />
        <StoreSelect value={filters.storeId} onChange={(v) => update({ storeId: v })} style={{ width: 180 }} testId="filter-store" />
        <div style={{ width: 180 }}>
          <UserSelect value={filters.assigneeId} onChange={(v) => update({ assigneeId: v ?? undefined })} placeholder={t('field.assignee')} testId="filter-assignee" />
        </div>
        <Checkbox checked={filters.breached === 'true'} onChange={(e) => update({ breached: e.target.checked ? 'true' : undefined })} data-testid="filter-breached">
          {t('list.breachedOnly')}
        </Checkbox>
        {Object.keys(filters).length ? (
          <Button type="link" onClick={clear}>
            {t('list.clear')}
          </Button>
        ) : null}
      </Flex>
    </Flex>
  );
}
