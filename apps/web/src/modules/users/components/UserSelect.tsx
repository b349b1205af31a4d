import { useMemo, useState } from 'react';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../shared/auth/access';
import { useDebounced } from '../../../shared/hooks/useDebounced';
import { useUser, useUsers } from '../api';

interface Props {
  value?: string | null;
  onChange?: (v: string | null) => void;
  /** The chosen user's name when already known (e.g. a customer's ownerName), to avoid a lookup. */
  initialLabel?: string | null;
  placeholder?: string;
  style?: React.CSSProperties;
  disabled?: boolean;
  allowClear?: boolean;
  id?: string;
  testId?: string;
}

/** Pick a user by typing part of the name or username (GET /users?q=). */
export function UserSelect({ value, onChange, initialLabel, placeholder, style, disabled, allowClear = true, id, testId }: Props) {
  const { t } = useTranslation('users');
  const [term, setTerm] = useState('');
  const q = useDebounced(term.trim());
  // Without users:view there is nothing to search; the known name still shows.
  const canList = useCan('users:view');
  const { data: found, isFetching } = useUsers({ q: q || undefined, limit: 20 }, canList);
  const { data: current } = useUser(canList && value && !initialLabel && !found?.some((u) => u.id === value) ? value : null);
  const options = useMemo(() => {
    const list = (found ?? []).map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` }));
    if (value && !list.some((o) => o.value === value)) {
      const label = initialLabel ?? (current ? `${current.displayName}（${current.username}）` : value);
      list.unshift({ value, label });
    }
    return list;
  }, [found, value, initialLabel, current]);
  return (
    <Select
      id={id}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      options={options}
      showSearch={{ filterOption: false, onSearch: setTerm }}
      loading={isFetching}
      allowClear={allowClear}
      placeholder={placeholder ?? t('pickPlaceholder')}
      style={{ width: '100%', ...style }}
      disabled={disabled}
      data-testid={testId}
    />
  );
}
