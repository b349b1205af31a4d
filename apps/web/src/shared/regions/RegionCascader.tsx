import { Cascader } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRegions } from './regions';

interface Props {
  value?: string[];
  onChange?: (value: string[]) => void;
  disabled?: boolean;
  id?: string;
}

/** Province / city / district picker; any level may be the last one chosen. */
export function RegionCascader({ value, onChange, disabled, id }: Props) {
  const { t } = useTranslation();
  const { data, isLoading } = useRegions();
  return (
    <Cascader
      id={id}
      options={data?.options ?? []}
      loading={isLoading}
      value={value}
      onChange={(v) => onChange?.((v ?? []) as string[])}
      changeOnSelect
      showSearch
      allowClear
      disabled={disabled}
      placeholder={t('common:region.placeholder')}
      style={{ width: '100%' }}
    />
  );
}
