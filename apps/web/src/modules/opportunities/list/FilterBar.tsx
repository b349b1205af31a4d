import { Button, Checkbox, DatePicker, Flex, Input, Select } from 'antd';
import { OPPORTUNITY_STATUSES } from '@jiake/shared';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { StoreSelect } from '../../org';
import { useOpportunitySettings, useStages } from '../api';
import { OwnerSelect } from '../components/OwnerSelect';
import type { OpportunityFiltersState } from './useOpportunityFilters';

/** Owner, store, expected close, stalled only, name: the filters of the board and the list. */
export function FilterBar({ state }: { state: OpportunityFiltersState }) {
  const { t } = useTranslation('opportunities');
  const { raw, update } = state;
  const clear = () =>
    update({ ownerId: undefined, storeId: undefined, expectedFrom: undefined, expectedTo: undefined, stalled: undefined, q: undefined, status: undefined, stageKey: undefined });
  const settings = useOpportunitySettings();
  const stages = useStages().data ?? [];
  const stalledDays = settings.data?.stalledDays ?? 14;
  return (
    <Flex wrap gap={12} align="center" style={{ marginBottom: 16 }}>
      <OwnerSelect value={raw.ownerId} onChange={(ownerId) => update({ ownerId })} style={{ width: 180 }} testId="filter-owner" />
      <StoreSelect value={raw.storeId} onChange={(storeId) => update({ storeId })} style={{ width: 180 }} testId="filter-store" placeholder={t('filter.store')} />
      <DatePicker.RangePicker
        value={[raw.expectedFrom ? dayjs(raw.expectedFrom) : null, raw.expectedTo ? dayjs(raw.expectedTo) : null]}
        placeholder={[t('filter.expectedStart'), t('filter.expectedEnd')]}
        allowEmpty={[true, true]}
        onChange={(v) => update({ expectedFrom: v?.[0]?.format('YYYY-MM-DD'), expectedTo: v?.[1]?.format('YYYY-MM-DD') })}
        data-testid="filter-expected"
      />
      {state.view === 'list' ? (
        <>
          <Select
            allowClear
            placeholder={t('list.status')}
            value={raw.status}
            onChange={(status) => update({ status })}
            style={{ width: 120 }}
            options={OPPORTUNITY_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
            data-testid="filter-status"
          />
          <Select
            allowClear
            placeholder={t('list.stage')}
            value={raw.stageKey}
            onChange={(stageKey) => update({ stageKey })}
            style={{ width: 140 }}
            options={stages.map((s) => ({ value: s.key, label: s.name }))}
            data-testid="filter-stage"
          />
        </>
      ) : null}
      <Checkbox checked={!!raw.stalled} onChange={(e) => update({ stalled: e.target.checked ? stalledDays : undefined })} data-testid="filter-stalled">
        {t('filter.stalledOnly')}
      </Checkbox>
      <Input.Search key={raw.q ?? ''} allowClear defaultValue={raw.q} placeholder={t('filter.search')} onSearch={(q) => update({ q })} style={{ width: 200 }} data-testid="filter-q" />
      <Button onClick={clear} data-testid="filter-clear">
        {t('filter.clear')}
      </Button>
    </Flex>
  );
}
