import fs from 'node:fs';
import path from 'node:path';
import type { BenchResult, Row } from './run-bench.ts';

/** Everything from this marker on is written by hand (the analysis of misses) and kept when the file is rewritten. */
export const ANALYSIS_MARKER = '<!-- analysis: written by hand, kept when the harness rewrites this file -->';

const int = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–');
const ms = (n: number) => (Number.isFinite(n) ? `${n < 10 ? n.toFixed(2) : n.toFixed(1)} ms` : '–');

function fmt(v: number, unit: Row['unit']): string {
  if (unit === 'ms') return ms(v);
  if (unit === 'req/s') return `${int(v)} req/s`;
  if (unit === 'orders/s' || unit === 'lots/s' || unit === 'rows/s' || unit === 'escalations/s') return `${int(v)} ${unit}`;
  if (unit === 'MiB') return Number.isFinite(v) ? `${v.toFixed(0)} MiB` : '–';
  return String(v);
}

function compared(r: Row): string {
  if (!Number.isFinite(r.value)) return '–';
  if (r.compare === 'diff') return `${r.value >= 0 ? '+' : '−'}${Math.abs(r.value).toFixed(2)} ms`;
  if (r.compare === 'count') return `${r.value} of ${r.baseline}`;
  return `${r.value.toFixed(2)}×`;
}

/** By how much a missed target is missed, in words. */
function shortfall(r: Row): string {
  if (r.pass !== false || !Number.isFinite(r.value)) return '';
  const m = /([\d.]+)/.exec(r.target);
  if (!m) return '';
  const limit = Number(m[1]);
  if (r.compare === 'diff') return `${(r.value - limit).toFixed(2)} ms over`;
  if (r.target.startsWith('≥')) return `${Math.round((1 - r.value / limit) * 100)}% short`;
  if (r.target.startsWith('≤')) return `${Math.round((r.value / limit - 1) * 100)}% over`;
  return '';
}

export function resultFileName(r: BenchResult): string {
  const d = new Date(r.startedAt);
  const day = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  return `${day}-${r.sizeName}-${r.dbKind}.md`;
}

export function renderMarkdown(r: BenchResult): string {
  const m = r.machine;
  const ds = r.dataset;
  const o = r.options;
  const counts = Object.entries(ds.counts).map(([k, v]) => `${int(v)} ${k}`).join(', ');
  const settings = Object.entries(m.pgSettings).map(([k, v]) => `${k} ${v}`).join(', ');
  const lines: string[] = [
    `# Jiake benchmark — size ${r.sizeName} (${int(ds.customers)} customers), ${r.dbKind === 'embedded' ? 'embedded PostgreSQL' : 'PostgreSQL server'}`,
    '',
    `- **When**: ${r.startedAt.replace('T', ' ').slice(0, 16)} UTC, commit ${m.commit}; the run took ${Math.round(r.durationS)} s; 1-minute load average ${m.loadAverage} before, ${r.loadAverageAfter} after (the harness itself keeps about 1–2 busy).`,
    `- **Machine**: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB RAM, ${m.os}; Node ${m.node}; PostgreSQL ${m.postgres} (${r.dbKind}): ${settings}.`,
    `- **Data**: tenant \`${ds.tenantCode}\` (generator v${ds.version}, seed ${ds.seed}, generated ${ds.generatedAt.slice(0, 16).replace('T', ' ')} UTC in ${ds.timings.total?.toFixed(1) ?? '?'} s${ds.reused ? ', reused' : ''}): ${counts}.`,
    `- **Method**: ${o.rounds} round${o.rounds > 1 ? 's' : ''}; every number is the median of the rounds. Sequential phases: ${o.executions} executions per subject and round, one at a time (p50/p99 over them). Load phases: ${o.concurrency} keep-alive connections for ${o.loadSeconds} s per subject and round (req/s, p99; P9's at ${o.accrualClients ?? 16} clients, its 1-client throughput from the sequential phase). The product runs as \`npm start\` does (\`startServer\`) in a child process; the bare Fastify + node-postgres baseline in another child process; raw SQL from the harness over node-postgres. Baseline SQL is the SQL the product was seen to run for the same request (identity query included; prepared statements replayed as prepared); P5's baseline is the raw indexed SQL for that kind of term. P9 posts +10 points per request to one of up to 2,000 members in turn, each request with its own Idempotency-Key; P17 expires the lots due the night after a year end (2027-01-01 00:10 Shanghai), ${o.expiryRounds ?? o.rounds} round(s). P6 imports a CSV of ${int(o.importRows ?? Number.NaN)} customers through the API (upload, run, job polled) ${o.importRounds ?? o.rounds} round(s) and takes it back. P14 sweeps the SLA clocks of every open request two weeks after the data set's today (2026-11-16 09:00 Shanghai), ${o.rounds} round(s), and takes back what each subject wrote. What P9 and P17 append to the ledger is taken back after each, so every run starts from the generated data. All on 127.0.0.1, on one database, in one run.`,
    `- **Parameters**: list of store ${r.params.storeName} (${int(r.params.storeCustomers)} live customers), newest first; customer 360 of ${r.params.customer360} (${r.params.customer360Contacts} contacts); the keyset walk reached page ${r.walk.reached} of ${r.walk.target} in ${r.walk.seconds.toFixed(1)} s.`,
    '',
    '## Results',
    '',
    '| # | Scenario | Measure | Product | Baseline | vs baseline | Target | Result |',
    '|---|---|---|---:|---|---:|---|---|',
    ...r.rows.map((x) => {
      const result = x.pass === null ? 'info' : x.pass ? 'PASS' : `**MISS**${shortfall(x) ? ` (${shortfall(x)})` : ''}`;
      const base = x.unit === 'plans' ? x.baselineLabel : `${fmt(x.baseline, x.unit)} (${x.baselineLabel})`;
      return `| ${x.id} | ${x.scenario} | ${x.measure} | ${x.unit === 'plans' ? `${x.product} seq scans` : fmt(x.product, x.unit)} | ${base} | ${compared(x)} | ${x.target} | ${result}${x.note ? ` — ${x.note}` : ''} |`;
    }),
    '',
    '## Not yet measured',
    '',
    '| # | What | Why |',
    '|---|---|---|',
    ...r.notMeasured.map((x) => `| ${x.id} | ${x.what} | ${x.why} |`),
    '',
    '## Subjects (medians of the rounds)',
    '',
    '| Subject | seq p50 | seq p99 | seq n | load req/s | load p50 | load p99 | load n | peak RSS | errors |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...r.subjects.map(
      (s) =>
        `| ${s.label} | ${s.latency ? ms(s.latency.p50) : ''} | ${s.latency ? ms(s.latency.p99) : ''} | ${s.latency ? int(s.latency.count) : ''} | ${s.load ? int(s.load.rps) : ''} | ${s.load ? ms(s.load.p50) : ''} | ${s.load ? ms(s.load.p99) : ''} | ${s.load ? int(s.load.count) : ''} | ${s.rssMb ? `${s.rssMb.toFixed(0)} MiB` : ''} | ${s.errors ? `${s.errors}: ${s.firstError}` : 0} |`,
    ),
    '',
    '## Search terms',
    '',
    '| Term | Kind | Same first page as the raw query | Seq Scan on | Plan of the product query |',
    '|---|---|---|---|---|',
    ...r.searches.map((t) => `| \`${t.term}\` | ${t.label} | ${t.sameRows ? 'yes' : '**no**'} | ${t.plan?.seqScans.join(', ') || '–'} | ${t.plan?.nodes ?? ''} |`),
    '',
    "## Plans (EXPLAIN ANALYZE of the product's statements, identity query left out)",
    '',
    ...r.plans.map((p) => `- **${p.label}** (${p.plan.executionMs?.toFixed(2)} ms): ${p.plan.nodes}`),
    '',
    ...(r.statementLists ?? []).flatMap((l) => [`## Statements of ${l.label}: ${l.statements.length}`, '', ...l.statements.map((x, i) => `${i + 1}. \`${x.replaceAll('`', "'")}\``), '']),
  ];
  return lines.join('\n');
}

/** Write the results file; a hand-written analysis already in it (after ANALYSIS_MARKER) is kept. */
export function writeResults(dir: string, r: BenchResult): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, resultFileName(r));
  let analysis = '';
  if (fs.existsSync(file)) {
    const old = fs.readFileSync(file, 'utf8');
    const at = old.indexOf(ANALYSIS_MARKER);
    if (at >= 0) analysis = old.slice(at);
  }
  fs.writeFileSync(file, `${renderMarkdown(r)}\n${analysis || `${ANALYSIS_MARKER}\n`}`);
  return file;
}
