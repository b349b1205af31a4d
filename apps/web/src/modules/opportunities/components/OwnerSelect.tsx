import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useOwners } from '../api';

interface Props {
  value?: string | null;
  onChange?: (id: string | undefined) => void;
  /** Owners who may work for this store; without it, the caller's part of the organisation. */
  storeId?: string | null;
  placeholder?: string;
  style?: React.CSSProperties;
  id?: string;
  testId?: string;
}

/** Pick an owner among the active users who may own opportunities (opportunities:edit). */
export function OwnerSelect({ value, onChange, storeId, placeholder, style, id, testId = 'opportunity-owner' }: Props) {
  const { t } = useTranslation('opportunities');
  const owners = useOwners(storeId);
  return (
    <Select
      id={id}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? undefined)}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      loading={owners.isLoading}
      placeholder={placeholder ?? t('filter.owner')}
      style={style}
      data-testid={testId}
      options={(owners.data ?? []).map((u) => ({ value: u.id, label: u.unitName ? `${u.displayName}（${u.unitName}）` : u.displayName }))}
    />
  );
}
