import { useMemo } from 'react';
import { Select, TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../shared/auth/access';
import { useEnumLabel } from '../../../shared/i18n/enums';
import { type OrgUnit, useOrgUnits } from '../api';
import { type UnitNode, buildUnitTree } from '../tree';

interface StoreSelectProps {
  value?: string | null;
  onChange?: (v: string | undefined) => void;
  placeholder?: string;
  style?: React.CSSProperties;
  disabled?: boolean;
  id?: string;
  testId?: string;
}

/** A store picker (units of kind store), e.g. the customer list's store filter. */
export function StoreSelect({ value, onChange, placeholder, style, disabled, id, testId }: StoreSelectProps) {
  const { t } = useTranslation('org');
  const label = useEnumLabel();
  const { data, isLoading } = useOrgUnits(useCan('org:view'));
  const options = useMemo(
    () =>
      (data ?? [])
        .filter((u) => u.kind === 'store')
        .map((u) => ({
          value: u.id,
          label: `${u.name}${u.storeKind ? `（${label('storeKind', u.storeKind)}）` : ''}${u.status === 'closed' ? ` · ${t('closedTag')}` : ''}`,
        })),
    [data, label, t],
  );
  return (
    <Select
      id={id}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? undefined)}
      options={options}
      loading={isLoading}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={placeholder ?? t('storePlaceholder')}
      style={style}
      disabled={disabled}
      data-testid={testId}
    />
  );
}

interface TreeOption {
  value: string;
  title: string;
  disabled?: boolean;
  children?: TreeOption[];
}

const toTreeOptions = (nodes: UnitNode[], disable?: (u: OrgUnit) => boolean): TreeOption[] =>
  nodes.map((n) => ({
    value: n.unit.id,
    title: n.unit.name,
    disabled: disable?.(n.unit),
    children: n.children.length ? toTreeOptions(n.children, disable) : undefined,
  }));

interface UnitTreeSelectProps {
  value?: string | null;
  onChange?: (v: string | undefined) => void;
  /** Units that cannot be chosen (e.g. stores as a parent, or the unit being moved). */
  disable?: (u: OrgUnit) => boolean;
  placeholder?: string;
  style?: React.CSSProperties;
  allowClear?: boolean;
  id?: string;
}

/** Any unit of the org tree: HQ, regions, stores. */
export function UnitTreeSelect({ value, onChange, disable, placeholder, style, allowClear, id }: UnitTreeSelectProps) {
  const { t } = useTranslation('org');
  const { data, isLoading } = useOrgUnits(useCan('org:view'));
  const treeData = useMemo(() => toTreeOptions(buildUnitTree(data ?? []), disable), [data, disable]);
  return (
    <TreeSelect
      id={id}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? undefined)}
      treeData={treeData}
      loading={isLoading}
      treeDefaultExpandAll
      showSearch={{ treeNodeFilterProp: 'title' }}
      allowClear={allowClear}
      placeholder={placeholder ?? t('unitPlaceholder')}
      style={{ width: '100%', ...style }}
    />
  );
}
