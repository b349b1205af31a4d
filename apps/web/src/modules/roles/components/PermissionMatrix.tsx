import { useMemo } from 'react';
import { Checkbox, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';

const ACTION_ORDER = ['view', 'create', 'edit', 'delete', 'export', 'import', 'reveal', 'merge', 'transfer', 'pool', 'approve', 'admin'];

interface Props {
  /** Every grantable key, "module:action". */
  keys: string[];
  value?: string[];
  onChange?: (v: string[]) => void;
  disabled?: boolean;
}

interface Row {
  module: string;
  actions: string[];
}

/** Modules down, actions across: a checkbox where the module has that action. */
export function PermissionMatrix({ keys, value = [], onChange, disabled }: Props) {
  const { t } = useTranslation('roles');
  const { rows, actions } = useMemo(() => {
    const byModule = new Map<string, string[]>();
    for (const k of keys) {
      const [m, a] = k.split(':');
      byModule.set(m, [...(byModule.get(m) ?? []), a]);
    }
    const all = [...new Set(keys.map((k) => k.split(':')[1]))].sort(
      (a, b) => (ACTION_ORDER.indexOf(a) + 1 || 99) - (ACTION_ORDER.indexOf(b) + 1 || 99),
    );
    return { rows: [...byModule.entries()].map(([module, acts]) => ({ module, actions: acts })), actions: all };
  }, [keys]);
  const granted = new Set(value);
  const set = (changes: string[], on: boolean) => {
    const next = new Set(granted);
    for (const k of changes) on ? next.add(k) : next.delete(k);
    onChange?.(keys.filter((k) => next.has(k)));
  };

  const columns: TableColumnsType<Row> = [
    {
      key: 'module',
      title: t('column.module'),
      fixed: 'left',
      render: (_, r) => {
        const all = r.actions.map((a) => `${r.module}:${a}`);
        const on = all.filter((k) => granted.has(k)).length;
        return (
          <Checkbox
            checked={on === all.length}
            indeterminate={on > 0 && on < all.length}
            disabled={disabled}
            onChange={(e) => set(all, e.target.checked)}
          >
            {t(`module.${r.module}`, { defaultValue: r.module })}
          </Checkbox>
        );
      },
    },
    ...actions.map((a) => ({
      key: a,
      title: t(`permAction.${a}`, { defaultValue: a }),
      align: 'center' as const,
      render: (_: unknown, r: Row) =>
        r.actions.includes(a) ? (
          <Checkbox
            checked={granted.has(`${r.module}:${a}`)}
            disabled={disabled}
            onChange={(e) => set([`${r.module}:${a}`], e.target.checked)}
            data-testid={`perm-${r.module}:${a}`}
          />
        ) : null,
    })),
  ];
  return <Table<Row> rowKey="module" size="small" columns={columns} dataSource={rows} pagination={false} scroll={{ x: 'max-content' }} bordered />;
}
