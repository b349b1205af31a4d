import type { z } from 'zod';
import type { CustomerExportBody } from '@jiake/shared';
import type { Config } from '../../../platform/config.ts';
import type { Ctx } from '../../../platform/http/context.ts';
import { AppError, invalid, issue, notFound } from '../../../platform/http/errors.ts';
import type { JobRunner } from '../../../platform/jobs/runner.ts';
import { toJobDto } from '../../../platform/jobs/jobs.routes.ts';
import { findOwnJob } from '../../../platform/jobs/jobs.repository.ts';
import { hiddenFields } from '../../../platform/access/field-security.ts';
import { listDefs } from '../../../platform/custom-fields/custom-fields.service.ts';
import { tenantPath } from '../../../platform/files/storage.ts';
import type { SheetFormat } from '../../../platform/files/sheet-writer.ts';
import { CUSTOMER_COLUMNS, customFieldColumns, type CustomerColumn } from '../customer-columns.ts';
import { customerListWhere } from '../customers.service.ts';

export const EXPORT_JOB = 'customer.export';
export type ExportColumn = CustomerColumn & Required<Pick<CustomerColumn, 'format'>>;
export interface ExportJobInput {
  format: SheetFormat;
  filter: z.infer<typeof CustomerExportBody>['filter'];
  columns: string[] | null;
}

export const exportFilePath = (config: Pick<Config, 'filesDir'>, tenantId: string, jobId: string, format: string) =>
  tenantPath(config, tenantId, 'exports', `${jobId}.${format}`);

/** Every exportable column, custom fields included (the catalogue, before field rules). */
async function allColumns(ctx: Ctx): Promise<ExportColumn[]> {
  return [...CUSTOMER_COLUMNS, ...customFieldColumns(await listDefs(ctx, 'customer'))].filter((c): c is ExportColumn => !!c.format);
}

/** Columns the caller may export: a column whose field is hidden for the role is left out (PLAT-5). */
export async function visibleExportColumns(ctx: Ctx): Promise<ExportColumn[]> {
  const hidden = new Set(hiddenFields(ctx, 'customer'));
  return (await allColumns(ctx)).filter((c) => !hidden.has(c.field) && !(c.field === 'customFields' && hidden.has(`customFields.${c.key.slice(3)}`)));
}

/** The requested columns in the requested order (or all), without the hidden ones; unknown keys are refused. */
export async function chooseColumns(ctx: Ctx, requested: string[] | null): Promise<ExportColumn[]> {
  const visible = await visibleExportColumns(ctx);
  if (!requested) return visible;
  const known = new Set((await allColumns(ctx)).map((c) => c.key));
  const unknown = requested.filter((k) => !known.has(k));
  if (unknown.length) throw invalid(unknown.map((k) => issue('body.columns', 'unknown_column', `没有列「${k}」`)));
  const byKey = new Map(visible.map((c) => [c.key, c]));
  return [...new Set(requested)].flatMap((k) => byKey.get(k) ?? []);
}

/** Check the filter (the list's own rules: hidden fields cannot filter) and the columns now, then queue the job. */
export async function startExport(ctx: Ctx, jobs: JobRunner, body: z.infer<typeof CustomerExportBody>) {
  await customerListWhere(ctx, body.filter);
  if (!(await chooseColumns(ctx, body.columns ?? null)).length) throw invalid([issue('body.columns', 'empty', '没有可导出的列')]);
  const input: ExportJobInput = { format: body.format, filter: body.filter, columns: body.columns ?? null };
  return toJobDto(await jobs.enqueue(ctx, EXPORT_JOB, { ...input }));
}

/** The file of a finished export, for the user who asked for it only. */
export async function exportDownload(ctx: Ctx, config: Config, jobId: string) {
  const job = await findOwnJob(ctx, jobId, EXPORT_JOB);
  if (!job || job.status === 'failed') throw notFound('export');
  if (job.status !== 'succeeded') throw new AppError('conflict', 'the export is not finished yet', { params: { status: job.status } });
  const r = job.result as { format: SheetFormat; fileName: string };
  return {
    path: exportFilePath(config, ctx.tenantId, job.id, r.format),
    fileName: r.fileName,
    contentType: r.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  };
}
