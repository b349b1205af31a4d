import type { CategoryDto } from './api';

export interface CategoryNode {
  key: string;
  value: string;
  title: string;
  children: CategoryNode[];
}

/** Flat categories (parentId) → a tree for antd Tree/TreeSelect, siblings by position then name. */
export function categoryTree(items: CategoryDto[], exclude?: string): CategoryNode[] {
  const byParent = new Map<string | null, CategoryDto[]>();
  for (const c of items) byParent.set(c.parentId, [...(byParent.get(c.parentId) ?? []), c]);
  const build = (parentId: string | null): CategoryNode[] =>
    (byParent.get(parentId) ?? [])
      .filter((c) => c.id !== exclude)
      .sort((a, b) => a.position - b.position || a.name.localeCompare(b.name, 'zh-CN'))
      .map((c) => ({ key: c.id, value: c.id, title: c.name, children: build(c.id) }));
  return build(null);
}

/** "保养 / 沙发 / 真皮" for a category id. */
export function categoryPath(items: CategoryDto[] | undefined, id: string | null | undefined): string {
  if (!items || !id) return '';
  const byId = new Map(items.map((c) => [c.id, c]));
  const names: string[] = [];
  for (let at = byId.get(id); at && names.length < 10; at = at.parentId ? byId.get(at.parentId) : undefined) names.unshift(at.name);
  return names.join(' / ');
}
