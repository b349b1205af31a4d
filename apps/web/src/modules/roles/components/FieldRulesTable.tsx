import { Radio, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { CreateCustomer, type FieldAccess } from '@jiake/shared';
import { useEnumOptions } from '../../../shared/i18n/enums';

/** Every field of a customer a rule can apply to (from the shared contract). */
const CUSTOMER_FIELDS = Object.keys(CreateCustomer.shape).filter((k) => k !== 'ignoreDuplicates' && k !== 'kind' && k !== 'name');

type Rules = Record<string, 'hidden' | 'readonly' | 'editable'>;

interface Props {
  value?: Rules;
  onChange?: (v: Rules) => void;
  disabled?: boolean;
}

/** customer.<field> → 可编辑 / 只读 / 隐藏; "editable" is the default and is not stored. */
export function FieldRulesTable({ value = {}, onChange, disabled }: Props) {
  const { t } = useTranslation('roles');
  const options = useEnumOptions('fieldAccess');
  const set = (field: string, access: FieldAccess) => {
    const next: Rules = { ...value };
    if (access === 'editable') delete next[`customer.${field}`];
    else next[`customer.${field}`] = access;
    onChange?.(next);
  };
  const columns: TableColumnsType<{ field: string }> = [
    { key: 'field', title: t('column.field'), render: (_, r) => t(`customers:field.${r.field}`, { defaultValue: r.field }) },
    {
      key: 'access',
      title: t('column.access'),
      render: (_, r) => (
        <Radio.Group
          size="small"
          optionType="button"
          disabled={disabled}
          value={value[`customer.${r.field}`] ?? 'editable'}
          onChange={(e) => set(r.field, e.target.value as FieldAccess)}
          options={options}
          data-testid={`field-rule-${r.field}`}
        />
      ),
    },
  ];
  return (
    <Table
      rowKey="field"
      size="small"
      columns={columns}
      dataSource={CUSTOMER_FIELDS.map((field) => ({ field }))}
      pagination={false}
      scroll={{ y: 420 }}
    />
  );
}
