import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSeries } from '../api';

/** A series (套系) of the catalogue. */
export function SeriesSelect({ value, onChange, style, id }: { value?: string | null; onChange?: (v: string | null) => void; style?: React.CSSProperties; id?: string }) {
  const { t } = useTranslation('catalogue');
  const { data, isLoading } = useSeries();
  return (
    <Select
      id={id}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      options={(data ?? []).map((s) => ({ value: s.id, label: s.status === 'active' ? s.name : `${s.name}（${t('status.discontinued')}）` }))}
      loading={isLoading}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={t('field.series')}
      style={{ width: '100%', ...style }}
    />
  );
}
