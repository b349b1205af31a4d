/** `--name value`, `--name=value` and bare `--flag` (true); everything else is ignored. */
export function parseArgs(argv: string[]): Record<string, string | true> {
  const out: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) continue;
    const eq = a.indexOf('=');
    if (eq > 0) out[a.slice(2, eq)] = a.slice(eq + 1);
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) out[a.slice(2)] = argv[++i];
    else out[a.slice(2)] = true;
  }
  return out;
}

export function intArg(v: string | true | undefined, fallback: number): number {
  if (v === undefined || v === true) return fallback;
  const n = Number(String(v).replace(/[_,]/g, ''));
  if (!Number.isFinite(n) || n < 0) throw new Error(`not a number: ${v}`);
  return Math.floor(n);
}

/** Named data sizes of the benchmark suite. */
export const SIZES = { tiny: 1_000, S: 100_000, L: 1_000_000 } as const;
export type SizeName = keyof typeof SIZES;

export function sizeOf(v: string | true | undefined): { name: string; customers: number } {
  const key = String(v ?? 'tiny');
  const named = (Object.keys(SIZES) as SizeName[]).find((k) => k.toLowerCase() === key.toLowerCase());
  if (named) return { name: named, customers: SIZES[named] };
  const n = intArg(key, NaN);
  if (!Number.isFinite(n) || n < 1) throw new Error(`unknown size ${key} (tiny, S, L or a number of customers)`);
  return { name: String(n), customers: n };
}
