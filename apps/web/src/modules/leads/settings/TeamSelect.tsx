import { useMemo, useState } from 'react';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDebounced } from '../../../shared/hooks/useDebounced';
import { useCan } from '../../../shared/auth/access';
import { useUsers } from '../../users';

interface Props {
  value?: string[];
  onChange?: (v: string[]) => void;
  /** Names of users already on the team (the rule's `users`), so they show before any search. */
  known: { id: string; displayName: string }[];
  testId?: string;
}

/** A team of users in order: search by name, pick several; the order picked is the round-robin order. */
export function TeamSelect({ value, onChange, known, testId }: Props) {
  const { t } = useTranslation('users');
  const [term, setTerm] = useState('');
  const q = useDebounced(term.trim());
  const { data, isFetching } = useUsers({ q: q || undefined, limit: 20 }, useCan('users:view'));
  const options = useMemo(() => {
    const list = (data ?? []).map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` }));
    for (const k of known) if (!list.some((o) => o.value === k.id)) list.push({ value: k.id, label: k.displayName });
    return list;
  }, [data, known]);
  return (
    <Select
      mode="multiple"
      value={value}
      onChange={onChange}
      options={options}
      loading={isFetching}
      showSearch={{ filterOption: false, onSearch: setTerm }}
      placeholder={t('pickPlaceholder')}
      data-testid={testId}
    />
  );
}
