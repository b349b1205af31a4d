import fs from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';

/** The parts of a V8 `.cpuprofile` (as `node --cpu-prof` writes it) that a summary needs. */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileLine {
  name: string;
  ms: number;
  share: number;
}

export interface ProfileSummary {
  totalMs: number;
  /** Self time by function (name and file:line), largest first. */
  functions: ProfileLine[];
  /** Self time by where the code lives: an npm package, our own source, node's internals, idle, GC. */
  places: ProfileLine[];
}

/** Where a frame's code lives: the npm package (scoped names kept), our server, node itself, or V8's own entries. */
export function placeOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith('node:')) return 'node:' + url.slice(5).split('/')[0];
  if (url.includes('packages/shared/')) return '@jiake/shared';
  if (url.includes('apps/server/') || /^(\.\.\/)*src\//.test(url)) return 'jiake server';
  return url.split('/').slice(-2).join('/');
}

const top = (m: Map<string, number>, total: number, n: number): ProfileLine[] =>
  [...m.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, us]) => ({ name, ms: us / 1000, share: us / total }));

/** The built server is one bundle: its source maps say which file (ours, or a package's) a frame's code came from. */
function originalOf() {
  const maps = new Map<string, SourceMap | null>();
  return (url: string, line: number, column: number): { url: string; line: number } => {
    if (!url.startsWith('file://') || !url.includes('/dist/')) return { url, line };
    let map = maps.get(url);
    if (map === undefined) {
      const file = `${fileURLToPath(url)}.map`;
      map = fs.existsSync(file) ? new SourceMap(JSON.parse(fs.readFileSync(file, 'utf8'))) : null;
      maps.set(url, map);
    }
    const entry = map?.findEntry(line, column) as { originalSource?: string; originalLine?: number } | undefined;
    return entry?.originalSource ? { url: entry.originalSource, line: entry.originalLine ?? line } : { url, line };
  };
}

/** Self time per sample's leaf frame, summed by function and by place (through the bundle's source maps). */
export function summariseProfile(file: string, n = 25): ProfileSummary {
  const p = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(p.nodes.map((node) => [node.id, node]));
  const fn = new Map<string, number>();
  const place = new Map<string, number>();
  const original = originalOf();
  let total = 0;
  p.samples.forEach((id, i) => {
    const us = p.timeDeltas[i] ?? 0;
    const f = byId.get(id)?.callFrame;
    if (!f) return;
    total += us;
    const src = original(f.url, f.lineNumber, f.columnNumber);
    const where = src.url ? `${src.url.replace(/^.*\/(node_modules|apps|packages)\//, '$1/')}:${src.line + 1}` : '';
    const key = `${f.functionName || '(anonymous)'} ${where}`.trim();
    fn.set(key, (fn.get(key) ?? 0) + us);
    const pl = placeOf(src.url, f.functionName);
    place.set(pl, (place.get(pl) ?? 0) + us);
  });
  return { totalMs: total / 1000, functions: top(fn, total, n), places: top(place, total, n) };
}

export function renderProfile(s: ProfileSummary): string {
  const line = (l: ProfileLine) => `${(l.share * 100).toFixed(1).padStart(5)}%  ${l.ms.toFixed(0).padStart(7)} ms  ${l.name}`;
  return [`sampled ${s.totalMs.toFixed(0)} ms`, '', 'by place (self time):', ...s.places.map(line), '', 'by function (self time):', ...s.functions.map(line)].join('\n');
}
