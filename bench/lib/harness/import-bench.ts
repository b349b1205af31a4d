import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { readConfig } from '../../../apps/server/src/platform/config.ts';
import { tenantPath } from '../../../apps/server/src/platform/files/storage.ts';
import { MAX_IMPORT_ROWS } from '../../../apps/server/src/modules/customers/import/parse-file.ts';
import { IMPORT_JOB } from '../../../apps/server/src/modules/customers/import/import-files.ts';
import { inTransaction } from '../generator/support.ts';
import type { ChildServer } from './children.ts';
import { httpGetJson } from './http-load.ts';
import { IMPORT_MAPPING, writeImportFiles, type ImportFiles } from './import-csv.ts';
import type { Row } from './run-bench.ts';
import { median } from './stats.ts';

/**
 * P6: import of customers from a CSV file. The product: upload through its HTTP API (multipart POST
 * /api/v1/customer-imports), run with the mapping it suggested (POST …/run, a job), poll GET /api/v1/jobs/:id until
 * the job is finished — timed from the upload to the job finished, the product server's RSS sampled every 100 ms
 * meanwhile; once before the rounds, the first 200 rows are imported untimed (warm-up) and taken back. The baseline: raw COPY (pg-copy-streams) of the very rows the product wrote (customers and their
 * customer_phones, dumped after the product's run) back into the same indexed tables, one transaction, from the
 * harness's process. Both rates are customers written per second (the same count), so their ratio is the ratio of
 * the times. Everything P6 writes is taken back after each subject (customers, phones, imported_rows, uploads, jobs,
 * the remembered mapping, the customer counter, the files on disk) and the tables vacuumed, so the next subject and
 * the next run meet the generated tables.
 */

/** Rows of P6's file by size (issue 6: 1,000,000 at L); a numbered size gets a fifth of its customers (500 to 1,000,000). */
export const IMPORT_ROWS: Record<string, number> = { tiny: 500, S: 20_000, L: 1_000_000 };
export const defaultImportRows = (sizeName: string, customers: number) => IMPORT_ROWS[sizeName] ?? Math.min(1_000_000, Math.max(500, Math.round(customers / 5)));
/** Rounds of P6: one for a file of more than 100,000 rows (a round of 1,000,000 takes tens of minutes here), else `rounds`. */
export const defaultImportRounds = (rows: number, rounds: number) => (rows > 100_000 ? 1 : rounds);

export interface ImportRound {
  /** Seconds from the first upload to the last job finished (files one after the other, as a user would). */
  productS: number;
  /** Of which the uploads (the product checks the encoding and counts the rows of each file before answering). */
  uploadS: number;
  /** CPU seconds the product's server process used meanwhile (the rest of the time it waited for the database). */
  cpuS: number;
  /** Seconds of the raw COPY transaction. */
  copyS: number;
  /** RSS of the product server (MiB): before the first upload, and the peak in each quarter of the file's rows. */
  rssBefore: number;
  rssQuarters: number[];
}

export interface ImportBench {
  rows: number;
  files: number;
  bytes: number;
  planned: ImportFiles['planned'];
  /** What the product's job reported (the same every round). */
  created: number;
  duplicates: number;
  failed: number;
  phones: number;
  rounds: ImportRound[];
  /** Customers written per second (medians of the rounds). */
  productPerS: number;
  copyPerS: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Where product-server.mjs keeps the files of the product child `pid` (its DATA_DIR). */
const productFilesDir = (pid: number) => readConfig({ DATA_DIR: path.join(os.tmpdir(), `jiake-bench-files-${pid}`) }).filesDir;

/**
 * Take back every row an import made in the tenant: the customers claimed in imported_rows with their phones, the
 * claims, the uploads, the import jobs and the remembered mappings (the generator writes none of these, so all of them
 * in a benchmark tenant are P6's), and set the customer counter back (to `counter`, or past the highest code left).
 */
export async function takeBackImports(pool: pg.Pool, tenantId: string, counter?: number): Promise<number> {
  return inTransaction(pool, async (c) => {
    await c.query('CREATE TEMP TABLE bench_imported ON COMMIT DROP AS SELECT DISTINCT customer_id AS id FROM imported_rows WHERE tenant_id = $1', [tenantId]);
    await c.query('ANALYZE bench_imported');
    await c.query('DELETE FROM customer_phones WHERE tenant_id = $1 AND customer_id IN (SELECT id FROM bench_imported)', [tenantId]);
    const n = (await c.query('DELETE FROM customers WHERE tenant_id = $1 AND id IN (SELECT id FROM bench_imported)', [tenantId])).rowCount ?? 0;
    await c.query('DELETE FROM imported_rows WHERE tenant_id = $1', [tenantId]);
    await c.query('DELETE FROM customer_imports WHERE tenant_id = $1', [tenantId]);
    await c.query('DELETE FROM jobs WHERE tenant_id = $1 AND kind = $2', [tenantId, IMPORT_JOB]);
    await c.query(`DELETE FROM import_mappings WHERE tenant_id = $1 AND object = 'customer'`, [tenantId]);
    const value =
      counter ??
      Number((await c.query(`SELECT substring(max(code) FROM 2)::bigint AS v FROM customers WHERE tenant_id = $1 AND code ~ '^C[0-9]{7}$'`, [tenantId])).rows[0].v ?? 0);
    await c.query(`UPDATE counters SET value = $2 WHERE tenant_id = $1 AND name = 'customer'`, [tenantId, value]);
    return n;
  });
}

/** Free what the deletes left behind, so the next subject writes into the tables as generated. */
const vacuum = (pool: pg.Pool) => pool.query('VACUUM customers, customer_phones, imported_rows');

interface JobView {
  status: string;
  progress: number;
  error: string | null;
  result: { created?: number; duplicates?: number; failed?: number; total?: number } | null;
}

/** One file through the product: upload, run with the suggested mapping, wait for the job (answers it and the upload's seconds). */
async function importThroughProduct(port: number, cookie: string, file: string, onProgress: (rows: number) => void): Promise<{ job: JobView; uploadS: number }> {
  const t0 = performance.now();
  const base = `http://127.0.0.1:${port}/api/v1`;
  const form = new FormData();
  form.append('file', await fs.openAsBlob(file, { type: 'text/csv' }), path.basename(file));
  const up = await fetch(`${base}/customer-imports`, { method: 'POST', headers: { cookie }, body: form });
  const upload = (await up.json()) as { id: string; rowCount: number; suggestedMapping: Record<string, string> };
  if (up.status !== 201) throw new Error(`P6: the upload answered ${up.status}: ${JSON.stringify(upload).slice(0, 300)}`);
  const wrong = Object.entries(IMPORT_MAPPING).filter(([h, f]) => upload.suggestedMapping[h] !== f);
  if (wrong.length) throw new Error(`P6: the product suggested another mapping for ${wrong.map(([h]) => `${h} → ${upload.suggestedMapping[h]}`).join(', ')}`);
  const uploadS = (performance.now() - t0) / 1000;
  const run = await fetch(`${base}/customer-imports/${upload.id}/run`, {
    method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ mapping: upload.suggestedMapping, dryRun: false }),
  });
  const job = (await run.json()) as { id: string };
  if (run.status !== 202) throw new Error(`P6: the run answered ${run.status}: ${JSON.stringify(job).slice(0, 300)}`);
  // Bounded: two minutes plus 10 ms a row (about five times what a row takes the product here).
  const deadline = performance.now() + 120_000 + upload.rowCount * 10;
  for (;;) {
    const res = await httpGetJson(port, `/api/v1/jobs/${job.id}`, { cookie });
    const j = res.body as JobView;
    if (res.status !== 200) throw new Error(`P6: the job answered ${res.status}: ${JSON.stringify(j).slice(0, 300)}`);
    onProgress(j.progress);
    if (j.status === 'succeeded') return { job: j, uploadS };
    if (j.status === 'failed' || j.error) throw new Error(`P6: the import job ${j.status}: ${j.error}`);
    if (performance.now() > deadline) throw new Error(`P6: the import job is still ${j.status} at ${j.progress} of ${upload.rowCount} rows`);
    await sleep(100);
  }
}

/** RSS of the server every 100 ms, each sample tagged with the share of the rows done. */
function rssByProgress(server: ChildServer, share: () => number) {
  const samples: { rss: number; at: number }[] = [];
  let on = true;
  const loop = (async () => {
    while (on) {
      samples.push({ rss: await server.rssMb(), at: share() });
      await sleep(100);
    }
  })();
  return {
    /** Peak RSS in each quarter of the rows (a quarter without a sample takes the one before's). */
    async quarters(before: number): Promise<number[]> {
      on = false;
      await loop;
      const q: number[] = [];
      for (let k = 0; k < 4; k++) {
        const xs = samples.filter((s) => Math.min(3, Math.floor(s.at * 4)) === k).map((s) => s.rss);
        q.push(xs.length ? Math.max(...xs) : (q[k - 1] ?? before));
      }
      return q;
    },
  };
}

/** CPU seconds a process has used (user + system, from /proc; NaN elsewhere). */
function cpuSeconds(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

/** Files through the product one after the other (timed, RSS sampled); answers the jobs' counts. */
async function importFiles(product: ChildServer, cookie: string, paths: string[], rows: number) {
  let doneRows = 0;
  let current = 0;
  const rssBefore = await product.rssMb();
  const sampler = rssByProgress(product, () => (doneRows + current) / rows);
  const got = { created: 0, duplicates: 0, failed: 0 };
  let uploadS = 0;
  let rssQuarters: number[] = [];
  const cpu0 = cpuSeconds(product.pid);
  const t0 = performance.now();
  try {
    for (const file of paths) {
      const { job, uploadS: up } = await importThroughProduct(product.port, cookie, file, (n) => (current = n));
      uploadS += up;
      doneRows += job.progress;
      current = 0;
      got.created += job.result?.created ?? 0;
      got.duplicates += job.result?.duplicates ?? 0;
      got.failed += job.result?.failed ?? 0;
    }
  } finally {
    rssQuarters = await sampler.quarters(rssBefore);
  }
  return { got, productS: (performance.now() - t0) / 1000, uploadS, cpuS: cpuSeconds(product.pid) - cpu0, rssBefore, rssQuarters };
}

/** COPY a query's rows out to a file, or a file's rows into a table, on one client. */
const copyOut = async (c: pg.PoolClient, query: string, file: string) => pipeline(c.query(copyTo(`COPY (${query}) TO STDOUT`)), fs.createWriteStream(file));
const copyIn = async (c: pg.PoolClient, table: string, file: string) => pipeline(fs.createReadStream(file), c.query(copyFrom(`COPY ${table} FROM STDIN`)));

/** P6 on one data set: the CSV written once, a warm-up, then per round the product's import and the COPY baseline. */
export async function measureImport(o: {
  url: string;
  tenantId: string;
  seed: number;
  customers: number;
  rows: number;
  rounds: number;
  product: ChildServer;
  cookie: string;
  log?: (line: string) => void;
}): Promise<ImportBench> {
  const log = o.log ?? (() => {});
  const pool = new pg.Pool({ connectionString: o.url, max: 2, application_name: 'jiake-bench-import' });
  pool.on('error', () => {});
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiake-bench-import-'));
  const importsDir = tenantPath({ filesDir: productFilesDir(o.product.pid) }, o.tenantId, 'imports');
  try {
    const left = await takeBackImports(pool, o.tenantId);
    if (left) {
      log(`  p6: took back ${left} customers an earlier run left behind`);
      await vacuum(pool);
    }
    const counter = Number((await pool.query(`SELECT value FROM counters WHERE tenant_id = $1 AND name = 'customer'`, [o.tenantId])).rows[0]?.value ?? 0);
    // The product refuses files over MAX_IMPORT_ROWS rows or its upload limit (the same environment as the child's).
    const maxBytes = readConfig(process.env).maxUploadBytes - 64 * 1024;
    const writeOpts = { tenantId: o.tenantId, seed: o.seed, customers: o.customers, rows: o.rows, dir, maxRows: MAX_IMPORT_ROWS, maxBytes };
    const files = await writeImportFiles(pool, writeOpts);
    log(`  p6: ${o.rows.toLocaleString('en-US')} rows in ${files.paths.length} CSV file(s), ${(files.bytes / 1048576).toFixed(1)} MiB`);
    const rounds: ImportRound[] = [];
    let outcome = { created: 0, duplicates: 0, failed: 0, phones: 0 };
    if (!/^[0-9a-f-]{36}$/.test(o.tenantId)) throw new Error(`P6: not a tenant id: ${o.tenantId}`);
    const tenantLit = `'${o.tenantId}'`;
    const claimed = `SELECT customer_id FROM imported_rows WHERE tenant_id = ${tenantLit}`;
    // Warm-up (not timed): the first 200 rows once, so the first round does not pay for loading and compiling the
    // import's code paths; taken back at once.
    const warm = await writeImportFiles(pool, { ...writeOpts, rows: Math.min(200, o.rows), dir: path.join(dir, 'warm') });
    await importFiles(o.product, o.cookie, warm.paths, warm.rows);
    await takeBackImports(pool, o.tenantId, counter);
    fs.rmSync(importsDir, { recursive: true, force: true });
    for (let round = 1; round <= o.rounds; round++) {
      // The product, file after file.
      const { got, productS, uploadS, cpuS, rssBefore, rssQuarters } = await importFiles(o.product, o.cookie, files.paths, o.rows);
      const written = (
        await pool.query<{ customers: number; phones: number }>(
          `SELECT (SELECT count(*)::int FROM customers WHERE tenant_id = $1 AND id IN (${claimed})) AS customers,
                  (SELECT count(*)::int FROM customer_phones WHERE tenant_id = $1 AND customer_id IN (${claimed})) AS phones`,
          [o.tenantId],
        )
      ).rows[0];
      if (written.customers !== got.created || !got.created) throw new Error(`P6: the jobs reported ${got.created} customers created, the database holds ${written.customers}`);
      outcome = { ...got, phones: written.phones };

      // The baseline: the same rows, dumped, taken out (and vacuumed away), then COPYed back in one transaction.
      const c = await pool.connect();
      let copyS: number;
      try {
        const [custFile, phoneFile] = [path.join(dir, 'customers.copy'), path.join(dir, 'phones.copy')];
        await copyOut(c, `SELECT * FROM customers WHERE tenant_id = ${tenantLit} AND id IN (${claimed}) ORDER BY code`, custFile);
        await copyOut(c, `SELECT p.* FROM customer_phones p JOIN customers k ON k.id = p.customer_id WHERE p.tenant_id = ${tenantLit} AND p.customer_id IN (${claimed}) ORDER BY k.code, p.position`, phoneFile);
        await c.query(`DELETE FROM customer_phones WHERE tenant_id = $1 AND customer_id IN (${claimed})`, [o.tenantId]);
        await c.query(`DELETE FROM customers WHERE tenant_id = $1 AND id IN (${claimed})`, [o.tenantId]);
        await c.query('VACUUM customers, customer_phones');
        const t1 = performance.now();
        await c.query('BEGIN');
        await copyIn(c, 'customers', custFile);
        await copyIn(c, 'customer_phones', phoneFile);
        await c.query('COMMIT');
        copyS = (performance.now() - t1) / 1000;
      } catch (err) {
        await c.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        c.release();
      }
      const copied = (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM customers WHERE tenant_id = $1 AND id IN (${claimed})`, [o.tenantId])).rows[0].n;
      if (copied !== got.created) throw new Error(`P6: COPY wrote ${copied} customers, the product ${got.created}`);
      await takeBackImports(pool, o.tenantId, counter);
      fs.rmSync(importsDir, { recursive: true, force: true });
      await vacuum(pool);
      rounds.push({ productS, uploadS, cpuS, copyS, rssBefore, rssQuarters });
      log(
        `  p6 import ${o.rows} rows → ${got.created} new (${got.duplicates} duplicates, ${got.failed} bad): product ${productS.toFixed(1)} s (upload ${uploadS.toFixed(1)} s, server CPU ${cpuS.toFixed(1)} s; ${Math.round(got.created / productS)}/s), ` +
          `COPY ${copyS.toFixed(2)} s (${Math.round(got.created / copyS)}/s); RSS ${rssBefore.toFixed(0)} → ${rssQuarters.map((x) => x.toFixed(0)).join('/')} MiB`,
      );
    }
    return {
      rows: o.rows, files: files.paths.length, bytes: files.bytes, planned: files.planned, ...outcome, rounds,
      productPerS: median(rounds.map((x) => outcome.created / x.productS)),
      copyPerS: median(rounds.map((x) => outcome.created / x.copyS)),
    };
  } finally {
    // Whatever happened, the data set gets back what it had (a failed take-back is left for the next run's start).
    await takeBackImports(pool, o.tenantId).catch((err) => log(`  p6: could not take back the imported customers: ${err}`));
    fs.rmSync(importsDir, { recursive: true, force: true });
    fs.rmSync(dir, { recursive: true, force: true });
    await pool.end();
  }
}

/** P6 rows: customers written per second against raw COPY, and the server's memory over the rows of the file. */
export function importResultRows(x: ImportBench): Row[] {
  const n = (v: number) => Math.round(v).toLocaleString('en-US');
  const scenario = `import of ${n(x.rows)} customers from CSV through the API (parse, validate, normalise phones, dedupe, write)`;
  const ratio = x.productPerS / x.copyPerS;
  const productS = median(x.rounds.map((r) => r.productS));
  const uploadS = median(x.rounds.map((r) => r.uploadS));
  const cpuS = median(x.rounds.map((r) => r.cpuS));
  const quarters = [0, 1, 2, 3].map((k) => median(x.rounds.map((r) => r.rssQuarters[k])));
  const before = median(x.rounds.map((r) => r.rssBefore));
  // Halves rather than quarters: RSS moves with the garbage collector's rhythm, a half's peak is steadier.
  const [firstHalf, secondHalf] = [Math.max(quarters[0], quarters[1]), Math.max(quarters[2], quarters[3])];
  const flat = secondHalf / firstHalf;
  const pass = Number.isFinite(ratio) && ratio >= 0.3;
  // What the product does on top of COPY; on a miss, where its time goes (profiled in-process on this machine, 2026-11).
  const onTop =
    'on top of COPY it reads the file three times (UTF-8 check and row count at upload, then the run), checks each row with the API schema, normalises phones (libphonenumber), ' +
    'derives pinyin and name grams, claims the rows in imported_rows and writes 500 rows a transaction before reading on';
  const busy = Number.isFinite(cpuS) ? `${cpuS.toFixed(1)} s of the ${productS.toFixed(1)} s` : 'most of the time';
  const why =
    `; the server process was on CPU ${busy}, Node work rather than round trips (profiled in-process, 2026-11: libphonenumber about 0.07 ms a ` +
    'phone, the row schema, pinyin and grams; the lunar-year computation, about 2 ms a lunar birthday, is remembered per year and the batch ' +
    'goes as one JSON statement per table since), and the database waits while Node works and the other way round';
  return [
    {
      id: 'P6', scenario, measure: `customers written/s, upload to job finished: ${x.files} file${x.files > 1 ? 's' : ''}, ${n(x.created)} new of ${n(x.rows)} rows (${n(x.duplicates)} duplicates, ${n(x.failed)} bad)`,
      product: x.productPerS, baseline: x.copyPerS, baselineLabel: 'raw COPY of the same rows (customers + customer_phones) in one transaction', unit: 'rows/s', compare: 'ratio',
      value: ratio, target: '≥ 0.3×', pass,
      note: `the product took ${productS.toFixed(1)} s, the uploads ${uploadS.toFixed(1)} s of it (${n(x.rows / productS)} file rows/s, ${n(x.phones)} phones); ${onTop}${pass ? '' : why}`,
    },
    {
      id: 'P6', scenario, measure: 'server RSS: peak over the second half of the rows vs the first', product: secondHalf, baseline: firstHalf, baselineLabel: 'peak over the first half',
      unit: 'MiB', compare: 'ratio', value: flat, target: '≤ 1.2× (memory flat)', pass: Number.isFinite(flat) && flat <= 1.2,
      note: `RSS ${before.toFixed(0)} MiB before the upload; peaks by quarter ${quarters.map((q) => q.toFixed(0)).join(' / ')} MiB`,
    },
  ];
}
