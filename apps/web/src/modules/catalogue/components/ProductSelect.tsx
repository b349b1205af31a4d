import { useMemo, useState } from 'react';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../../shared/format/money';
import { useDebounced } from '../../../shared/hooks/useDebounced';
import { type Product, useProducts } from '../api';

interface Props {
  value?: string | null;
  onChange?: (id: string | null, product: Product | null) => void;
  /** The chosen product's label when already known (an order line's SKU and name). */
  initialLabel?: string;
  style?: React.CSSProperties;
  id?: string;
  testId?: string;
}

/** Pick a product on sale by typing part of its name or SKU; the chosen product comes back with its price. */
export function ProductSelect({ value, onChange, initialLabel, style, id, testId }: Props) {
  const { t } = useTranslation('catalogue');
  const [term, setTerm] = useState('');
  const q = useDebounced(term.trim(), 300);
  const { data, isFetching } = useProducts({ q: q || undefined, status: 'active', limit: 30 });
  const found = data?.items ?? [];
  const options = useMemo(() => {
    const list = found.map((p) => ({ value: p.id, label: `${p.sku} ${p.name}（${formatMoney(p.priceFen)}）` }));
    if (value && !list.some((o) => o.value === value)) list.unshift({ value, label: initialLabel ?? value });
    return list;
  }, [found, value, initialLabel]);
  return (
    <Select
      id={id}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null, found.find((p) => p.id === v) ?? null)}
      options={options}
      showSearch={{ filterOption: false, onSearch: setTerm }}
      loading={isFetching}
      placeholder={t('products.pick')}
      style={{ width: '100%', ...style }}
      popupMatchSelectWidth={420}
      data-testid={testId}
    />
  );
}
