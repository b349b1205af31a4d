import type { Category } from './api';

export interface CategoryNode {
  category: Category;
  children: CategoryNode[];
}

/** The flat category list as a tree, siblings by sort order then name. */
export function buildCategoryTree(list: Category[]): CategoryNode[] {
  const nodes = new Map(list.map((c) => [c.id, { category: c, children: [] as CategoryNode[] }]));
  const roots: CategoryNode[] = [];
  for (const n of nodes.values()) {
    const parent = n.category.parentId ? nodes.get(n.category.parentId) : undefined;
    (parent ? parent.children : roots).push(n);
  }
  const sort = (ns: CategoryNode[]) => {
    ns.sort((a, b) => a.category.sortOrder - b.category.sortOrder || a.category.name.localeCompare(b.category.name, 'zh-CN'));
    for (const n of ns) sort(n.children);
  };
  sort(roots);
  return roots;
}

/** A category and everything below it (a category cannot move there). */
export function subtreeIds(list: Category[], id: string): Set<string> {
  const out = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const c of list) {
      if (c.parentId && out.has(c.parentId) && !out.has(c.id)) {
        out.add(c.id);
        grew = true;
      }
    }
  }
  return out;
}

/** "客厅 / 沙发" for a category id. */
export function categoryPath(list: Category[], id: string | null | undefined): string {
  const byId = new Map(list.map((c) => [c.id, c]));
  const names: string[] = [];
  for (let c = id ? byId.get(id) : undefined; c && names.length < 10; c = c.parentId ? byId.get(c.parentId) : undefined) names.unshift(c.name);
  return names.join(' / ');
}
