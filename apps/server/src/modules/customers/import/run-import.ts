import crypto from 'node:crypto';
import type { CustomerImportResultDto } from '@jiake/shared';
import type { Config } from '../../../platform/config.ts';
import type { Ctx } from '../../../platform/http/context.ts';
import { can } from '../../../platform/http/context.ts';
import type { JobHandler, JobHelpers } from '../../../platform/jobs/runner.ts';
import { listDefs } from '../../../platform/custom-fields/custom-fields.service.ts';
import { openSheetWriter, type SheetWriter } from '../../../platform/files/sheet-writer.ts';
import { customersWithPhones, nextCustomerCodes, phoneRows, searchColumns } from '../customers.repository.ts';
import { birthdayColumns, defaultStoreId } from '../customers.service.ts';
import { checkMapping, importColumns } from './mapping.ts';
import { readRows } from './parse-file.ts';
import { storeLookup } from './store-lookup.ts';
import { validateRow, type RowIssue, type RowPlan, type ValidRow } from './validate-row.ts';
import { importFilePath, importReportPath, type ImportJobInput } from './import-files.ts';
import * as repo from './import.repository.ts';

const BATCH = 500;
const MAX_RESULT_ERRORS = 1000;

/** Check a mapping against the file and the caller's rights, and prepare everything a row needs. */
export async function buildPlan(ctx: Ctx, imp: repo.ImportRow, mapping: Record<string, string>): Promise<RowPlan> {
  const defs = await listDefs(ctx, 'customer');
  const pairs = checkMapping(mapping, imp.headers, importColumns(ctx, defs));
  return {
    columns: pairs.map(([header, col]) => ({ index: imp.headers.indexOf(header), header, col })),
    defs,
    stores: storeLookup(await repo.unitsInScope(ctx)),
  };
}

interface Candidate {
  number: number;
  cells: string[];
  row: ValidRow;
}

/** A row that was not created, for the result and the report. */
interface Outcome {
  number: number;
  cells: string[];
  status: string;
  issues: RowIssue[];
}

/**
 * One run over a file (CUS-7): every row validated; duplicates within the file and against existing customers
 * skipped with a reason; new customers written in batches, each batch claiming its rows in imported_rows first, so
 * a re-run — or the runner picking the job up again after a crash — never creates a row twice. A dry run reads
 * and reports the same way and writes nothing.
 */
class ImportRun {
  readonly result: CustomerImportResultDto;
  private seenPhones = new Map<string, number>();
  private batch: Candidate[] = [];
  /** Outcomes not yet in the report (failed and skipped rows), written in row order as their batch settles. */
  private outcomes: Outcome[] = [];
  private read = 0;
  private lastNumber = 0;
  /** The batch in the database now: at most one, while the next rows are read and checked (Node and PostgreSQL work at once). */
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private ctx: Ctx,
    private imp: repo.ImportRow,
    private plan: RowPlan,
    private report: SheetWriter,
    private h: JobHelpers,
    dryRun: boolean,
  ) {
    this.result = { dryRun, total: 0, created: 0, skipped: 0, failed: 0, duplicates: 0, alreadyImported: 0, errors: [], errorsTruncated: false };
  }

  private fail(c: { number: number; cells: string[] }, issues: RowIssue[]) {
    this.result.failed++;
    this.outcomes.push({ ...c, status: '失败', issues });
  }

  private duplicate(c: Candidate, message: string) {
    this.result.duplicates++;
    this.result.skipped++;
    const field = this.plan.columns.find((x) => x.col.key === 'phones')?.header ?? '手机';
    this.outcomes.push({ number: c.number, cells: c.cells, status: '跳过（重复）', issues: [{ field, message }] });
  }

  /** The outcomes of rows up to `upTo`, in row order; those of later rows (read meanwhile) wait for their batch. */
  private async writeOutcomes(upTo: number) {
    const outcomes = this.outcomes.filter((o) => o.number <= upTo).sort((a, b) => a.number - b.number);
    this.outcomes = this.outcomes.filter((o) => o.number > upTo);
    for (const o of outcomes) {
      for (const i of o.issues) {
        if (this.result.errors.length < MAX_RESULT_ERRORS) this.result.errors.push({ row: o.number, ...i });
        else this.result.errorsTruncated = true;
      }
      await this.report.addRow([o.number, o.status, o.issues.map((i) => `${i.field}：${i.message}`).join('；'), ...o.cells]);
    }
  }

  async row(number: number, cells: string[]) {
    this.read++;
    this.lastNumber = number;
    this.result.total++;
    const v = validateRow(cells, this.plan);
    if (!v.ok) this.fail({ number, cells }, v.issues);
    else {
      const c = { number, cells, row: v.row };
      const earlier = v.row.e164s.map((e) => this.seenPhones.get(e)).find((n) => n !== undefined);
      if (earlier !== undefined) this.duplicate(c, `与第 ${earlier} 行的手机号重复，已跳过`);
      else {
        for (const e of v.row.e164s) this.seenPhones.set(e, number);
        this.batch.push(c);
      }
    }
    if (this.batch.length + this.outcomes.length >= BATCH) await this.startBatch();
  }

  /**
   * Send the rows read so far to the database once the batch before them is done, without waiting for them: batches
   * still run one after another (each sees what the one before wrote), but the file is read meanwhile. A batch that
   * fails fails the run at the next wait.
   */
  private async startBatch(upTo = this.lastNumber) {
    const batch = this.batch;
    this.batch = [];
    await this.writing;
    this.writing = this.settle(batch, upTo);
    this.writing.catch(() => undefined);
  }

  /** The last rows, and the batch still in the database. */
  async finish() {
    await this.startBatch(Number.POSITIVE_INFINITY);
    await this.writing;
  }

  /** After a failure: let the batch in the database end before the report is thrown away. */
  async drain() {
    await this.writing.catch(() => undefined);
  }

  private async settle(batch: Candidate[], upTo: number) {
    const { ctx, imp } = this;
    const done = await repo.importedKeys(ctx.db, ctx.tenantId, imp.sha256, batch.map((c) => String(c.number)));
    const fresh = batch.filter((c) => !done.has(String(c.number)));
    this.alreadyImported(batch.length - fresh.length);
    const taken = new Set((await customersWithPhones(ctx.db, ctx.tenantId, fresh.flatMap((c) => c.row.e164s))).map((r) => r.e164));
    const toCreate: Candidate[] = [];
    for (const c of fresh) {
      if (c.row.e164s.some((e) => taken.has(e))) this.duplicate(c, '手机号已被已有客户使用，已跳过');
      else toCreate.push(c);
    }
    const created = this.result.dryRun ? toCreate.length : await this.write(toCreate);
    this.result.created += created;
    this.alreadyImported(toCreate.length - created);
    await this.writeOutcomes(upTo);
    await this.h.progress(this.read, imp.rowCount);
  }

  private alreadyImported(n: number) {
    this.result.alreadyImported += n;
    this.result.skipped += n;
  }

  /** Claim, then insert: customers and their phone index rows in one transaction per batch. */
  private async write(cands: Candidate[]): Promise<number> {
    if (!cands.length) return 0;
    const { ctx, imp } = this;
    const now = ctx.now();
    const storeId = defaultStoreId(ctx);
    return ctx.db.transaction(async (tx) => {
      const claims = cands.map((c) => ({ c, rowKey: String(c.number), customerId: crypto.randomUUID() }));
      const won = await repo.claimRows(tx, ctx.tenantId, imp.sha256, claims, now);
      const winners = claims.filter((x) => won.has(x.rowKey));
      const codes = await nextCustomerCodes(tx, ctx.tenantId, winners.length);
      const rows = winners.map(({ c, customerId }, i) => {
        const { birthday, storeId: _s, ownerId: _o, ...input } = c.row.input;
        return {
          ...input, ...birthdayColumns(birthday), ...searchColumns(input.name, input.kind),
          id: customerId, tenantId: ctx.tenantId, code: codes[i], phones: c.row.e164s, customFields: c.row.customFields,
          storeId: c.row.storeId ?? storeId, ownerId: ctx.actor.id, createdAt: now, updatedAt: now, lastTouchedAt: now,
        };
      });
      await repo.insertCustomers(tx, rows, winners.flatMap(({ c, customerId }) => phoneRows(ctx.tenantId, customerId, c.row.e164s)));
      return winners.length;
    });
  }
}

/** The job: stream the file, run every row, keep the full report on disk, audit the import once. */
export function runImport(config: Config): JobHandler {
  return async (ctx, job, h) => {
    if (!can(ctx, 'customers:import')) throw new Error('the user who queued this import may no longer import customers');
    const input = job.input as unknown as ImportJobInput;
    const imp = await repo.findOwnImport(ctx, input.importId);
    if (!imp) throw new Error('the uploaded file no longer exists');
    const plan = await buildPlan(ctx, imp, input.mapping);
    const report = await openSheetWriter(importReportPath(config, ctx.tenantId, imp.id), 'csv', ['行号', '结果', '问题', ...imp.headers]);
    const run = new ImportRun(ctx, imp, plan, report, h, input.dryRun);
    try {
      let header = true;
      for await (const r of readRows(importFilePath(config, ctx.tenantId, imp), imp.format, imp.encoding as 'utf-8' | 'gb18030')) {
        if (header) header = false;
        else await run.row(r.number, imp.headers.map((_, i) => r.cells[i] ?? ''));
      }
      await run.finish();
      await report.close();
    } catch (err) {
      await run.drain();
      await report.abort();
      throw err;
    }
    const { errors: _e, ...counts } = run.result;
    if (!input.dryRun) {
      await ctx.audit.record(ctx.db, { action: 'customer.imported', entityType: 'customer', meta: { ...counts, importId: imp.id, jobId: job.id, fileName: imp.fileName } });
    }
    return run.result;
  };
}
