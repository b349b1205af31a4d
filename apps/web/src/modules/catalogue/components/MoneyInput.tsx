import { InputNumber } from 'antd';
import { fenToYuan, yuanToFen } from '../../../shared/format/money';

interface Props {
  /** Integer fen (分), as the API takes it. */
  value?: number | null;
  onChange?: (fen: number | null) => void;
  min?: number;
  max?: number;
  placeholder?: string;
  style?: React.CSSProperties;
  disabled?: boolean;
  id?: string;
  testId?: string;
}

/** Money typed in yuan (元, two decimals) and kept as integer fen: the form value is what the API takes. */
export function MoneyInput({ value, onChange, min = 0, max = 100_000_000, placeholder, style, disabled, id, testId }: Props) {
  return (
    <InputNumber<number>
      id={id}
      value={value === null || value === undefined ? null : fenToYuan(value)}
      onChange={(v) => onChange?.(v === null || v === undefined ? null : yuanToFen(v))}
      min={min}
      max={max}
      precision={2}
      step={1}
      prefix="¥"
      placeholder={placeholder}
      style={{ width: '100%', ...style }}
      disabled={disabled}
      data-testid={testId}
    />
  );
}
