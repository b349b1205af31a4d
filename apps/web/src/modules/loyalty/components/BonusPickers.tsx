import { useCallback, useMemo } from 'react';
import { Select, TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../shared/auth/access';
import { buildCategoryTree, type CategoryNode, categoryPath, useCategories, useSeries } from '../../catalogue';
import { buildUnitTree, type UnitNode, useOrgUnits } from '../../org';

/** The pickers of a bonus rule's conditions (several values each) and the names its tags show. */

interface TreeOption {
  value: string;
  title: string;
  children?: TreeOption[];
}

const categoryOptions = (nodes: CategoryNode[]): TreeOption[] =>
  nodes.map((n) => ({ value: n.category.id, title: n.category.name, children: n.children.length ? categoryOptions(n.children) : undefined }));
const unitOptions = (nodes: UnitNode[]): TreeOption[] =>
  nodes.map((n) => ({ value: n.unit.id, title: n.unit.name, children: n.children.length ? unitOptions(n.children) : undefined }));

interface PickProps {
  /** Several values (a rule's condition) or one (a preview line). */
  multiple?: boolean;
  value?: string[] | string | null;
  onChange?: (v: string[] | string | null) => void;
  placeholder?: string;
  id?: string;
  testId?: string;
}

const common = (p: PickProps) => ({
  id: p.id,
  value: p.value ?? (p.multiple ? [] : undefined),
  onChange: (v: string[] | string | undefined) => p.onChange?.(v ?? null),
  allowClear: true,
  placeholder: p.placeholder,
  style: { width: '100%' },
  'data-testid': p.testId,
});

function Tree({ treeData, loading, ...p }: PickProps & { treeData: TreeOption[]; loading: boolean }) {
  return <TreeSelect {...common(p)} multiple={p.multiple} treeData={treeData} loading={loading} treeDefaultExpandAll showSearch={{ treeNodeFilterProp: 'title' }} />;
}

/** Categories of the catalogue tree (a rule's category counts with those below it). */
export function CategoriesSelect(p: PickProps) {
  const { data, isLoading } = useCategories(useCan('catalogue:view'));
  const treeData = useMemo(() => categoryOptions(buildCategoryTree(data ?? [])), [data]);
  return <Tree {...p} treeData={treeData} loading={isLoading} />;
}

/** Stores or regions of the org tree. */
export function UnitsSelect(p: PickProps) {
  const { data, isLoading } = useOrgUnits(useCan('org:view'));
  const treeData = useMemo(() => unitOptions(buildUnitTree(data ?? [])), [data]);
  return <Tree {...p} treeData={treeData} loading={isLoading} />;
}

/** Series (套系) of the catalogue. */
export function SeriesSelect(p: PickProps) {
  const { data, isLoading } = useSeries(useCan('catalogue:view'));
  return (
    <Select
      {...common(p)}
      mode={p.multiple ? 'multiple' : undefined}
      options={(data ?? []).map((s) => ({ value: s.id, label: s.name }))}
      loading={isLoading}
      showSearch={{ optionFilterProp: 'label' }}
    />
  );
}

/** Names for the ids a rule's conditions hold (an id no longer known shows shortened). */
export function useBonusNames() {
  const { t } = useTranslation('loyalty');
  const categories = useCategories(useCan('catalogue:view'));
  const series = useSeries(useCan('catalogue:view'));
  const units = useOrgUnits(useCan('org:view'));
  const short = (id: string) => id.slice(0, 8);
  const seriesNames = useMemo(() => new Map((series.data ?? []).map((s) => [s.id, s.name])), [series.data]);
  const unitNames = useMemo(() => new Map((units.data ?? []).map((u) => [u.id, u.name])), [units.data]);
  return {
    category: useCallback((id: string) => categoryPath(categories.data ?? [], id) || short(id), [categories.data]),
    series: useCallback((id: string) => seriesNames.get(id) ?? short(id), [seriesNames]),
    unit: useCallback((id: string) => unitNames.get(id) ?? short(id), [unitNames]),
    storeKind: useCallback((k: string) => t(`enum.storeKind.${k}`), [t]),
  };
}
