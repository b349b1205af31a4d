import { DatePicker, Input, InputNumber, Select } from 'antd';
import type { CustomFieldDef } from '../api';

interface Props {
  def: CustomFieldDef;
  value?: unknown;
  onChange?: (v: unknown) => void;
  disabled?: boolean;
  id?: string;
  /** Filters use a single value even for multi-select fields. */
  single?: boolean;
  placeholder?: string;
}

/** The input for one custom field, by its type: text, number, date, select, multi-select. */
export function CustomFieldInput({ def, value, onChange, disabled, id, single, placeholder }: Props) {
  const common = { id, disabled, placeholder, style: { width: '100%' } };
  switch (def.type) {
    case 'number':
      return <InputNumber {...common} value={value as number | null} onChange={(v) => onChange?.(v)} />;
    case 'date':
      return <DatePicker {...common} value={value as never} onChange={(v) => onChange?.(v)} />;
    case 'select':
    case 'multiselect':
      return (
        <Select
          {...common}
          allowClear
          mode={def.type === 'multiselect' && !single ? 'multiple' : undefined}
          value={value as string | string[] | undefined}
          onChange={(v) => onChange?.(v)}
          options={def.options.map((o) => ({ value: o, label: o }))}
        />
      );
    default:
      return <Input {...common} value={(value as string) ?? ''} onChange={(e) => onChange?.(e.target.value)} maxLength={500} />;
  }
}
