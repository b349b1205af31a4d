/** 门店 cells matched by store code or name among the units the importer's scope reaches. */
export interface StoreLookup {
  resolve(text: string): { id: string } | { error: string };
}

export interface UnitRef {
  id: string;
  code: string;
  name: string;
  status: string;
}

const norm = (s: string) => s.normalize('NFKC').trim().toLowerCase();

export function storeLookup(units: UnitRef[]): StoreLookup {
  const byCode = new Map(units.map((u) => [norm(u.code), u]));
  const byName = new Map<string, UnitRef[]>();
  for (const u of units) byName.set(norm(u.name), [...(byName.get(norm(u.name)) ?? []), u]);
  return {
    resolve(text) {
      const t = norm(text);
      const named = byName.get(t) ?? [];
      const unit = byCode.get(t) ?? (named.length === 1 ? named[0] : undefined);
      if (!unit) {
        return { error: named.length > 1 ? `有多个名为「${text}」的门店，请填写门店编码` : `门店「${text}」不存在或不在您的管理范围内` };
      }
      return unit.status === 'closed' ? { error: `门店「${text}」已关闭` } : { id: unit.id };
    },
  };
}
