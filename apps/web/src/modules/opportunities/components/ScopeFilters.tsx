import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { StoreSelect, useOrgUnits } from '../../org';
import { useCan } from '../../../shared/auth/access';
import { OwnerSelect } from './OwnerSelect';

export interface Scope {
  ownerId?: string;
  storeId?: string;
  regionId?: string;
}

/** Owner, store and region pickers of the reports (each report stays inside the caller's own scope anyway). */
export function ScopeFilters({ value, onChange }: { value: Scope; onChange: (v: Scope) => void }) {
  const { t } = useTranslation('opportunities');
  const units = useOrgUnits(useCan('org:view'));
  const regions = (units.data ?? []).filter((u) => u.kind === 'region');
  return (
    <>
      <OwnerSelect value={value.ownerId} onChange={(ownerId) => onChange({ ...value, ownerId })} style={{ width: 180 }} testId="report-owner" />
      <StoreSelect value={value.storeId} onChange={(storeId) => onChange({ ...value, storeId })} style={{ width: 180 }} testId="report-store" placeholder={t('filter.store')} />
      <Select
        allowClear
        placeholder={t('filter.region')}
        value={value.regionId}
        onChange={(regionId) => onChange({ ...value, regionId })}
        style={{ width: 160 }}
        options={regions.map((r) => ({ value: r.id, label: r.name }))}
        data-testid="report-region"
      />
    </>
  );
}
