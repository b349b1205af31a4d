import type { TargetProgressNodeDto } from '@jiake/shared';

export type TargetRow = TargetProgressNodeDto & { level: number; children?: TargetRow[] };

/** The flat nodes of the progress answer as a tree (by parentKey): units first, then people, each by name. */
export function buildTree(nodes: TargetProgressNodeDto[]): TargetRow[] {
  const rows = new Map(nodes.map((n) => [n.key, { ...n, level: 0 } as TargetRow]));
  const roots: TargetRow[] = [];
  for (const row of rows.values()) {
    const parent = row.parentKey ? rows.get(row.parentKey) : undefined;
    if (parent) (parent.children ??= []).push(row);
    else roots.push(row);
  }
  const order = (a: TargetRow, b: TargetRow) => (a.type === b.type ? a.name.localeCompare(b.name, 'zh-CN') : a.type === 'unit' ? -1 : 1);
  const walk = (list: TargetRow[], level: number) => {
    list.sort(order);
    for (const r of list) {
      r.level = level;
      if (r.children) walk(r.children, level + 1);
    }
  };
  walk(roots, 0);
  return roots;
}
