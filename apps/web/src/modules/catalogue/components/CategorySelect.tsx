import { useMemo } from 'react';
import { TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCategories } from '../api';
import { buildCategoryTree, type CategoryNode } from '../tree';

interface Option {
  value: string;
  title: string;
  disabled?: boolean;
  children?: Option[];
}
const toOptions = (nodes: CategoryNode[], disabled?: Set<string>): Option[] =>
  nodes.map((n) => ({
    value: n.category.id,
    title: n.category.name,
    disabled: disabled?.has(n.category.id),
    children: n.children.length ? toOptions(n.children, disabled) : undefined,
  }));

interface Props {
  value?: string | null;
  onChange?: (v: string | null) => void;
  /** Categories that cannot be chosen (a category and its subtree, as its own parent). */
  disabled?: Set<string>;
  placeholder?: string;
  style?: React.CSSProperties;
  id?: string;
  testId?: string;
}

/** A category from the tree (客厅 → 沙发 …). */
export function CategorySelect({ value, onChange, disabled, placeholder, style, id, testId }: Props) {
  const { t } = useTranslation('catalogue');
  const { data, isLoading } = useCategories();
  const treeData = useMemo(() => toOptions(buildCategoryTree(data ?? []), disabled), [data, disabled]);
  return (
    <TreeSelect
      id={id}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      treeData={treeData}
      loading={isLoading}
      treeDefaultExpandAll
      allowClear
      showSearch={{ treeNodeFilterProp: 'title' }}
      placeholder={placeholder ?? t('field.category')}
      style={{ width: '100%', ...style }}
      data-testid={testId}
    />
  );
}
