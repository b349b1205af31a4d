import crypto from 'node:crypto';
import type { z } from 'zod';
import type { CustomerImportRunBody, CustomerImportUploadDto } from '@jiake/shared';
import type { Config } from '../../../platform/config.ts';
import type { Ctx } from '../../../platform/http/context.ts';
import { notFound } from '../../../platform/http/errors.ts';
import type { JobRunner } from '../../../platform/jobs/runner.ts';
import { toJobDto } from '../../../platform/jobs/jobs.routes.ts';
import { listDefs } from '../../../platform/custom-fields/custom-fields.service.ts';
import { detectFileKind } from '../../../platform/files/file-types.ts';
import { moveInto, removeQuietly } from '../../../platform/files/storage.ts';
import type { Upload } from '../../../platform/files/upload.ts';
import { applyRemembered, headerSignature, importColumns, suggestMapping } from './mapping.ts';
import { detectCsvEncoding, importFormatOf, summariseFile, unsupported } from './parse-file.ts';
import { buildPlan } from './run-import.ts';
import { IMPORT_JOB, importFilePath, importReportPath, type ImportJobInput } from './import-files.ts';
import * as repo from './import.repository.ts';

/**
 * Upload (CUS-7): the file is checked (extension and content), read once for its header, sample and size, and kept
 * under imports/; nothing is stored for a file that cannot be read. The answer suggests a mapping: the one last
 * used for files with the same headers, or a guess from the header names.
 */
export async function uploadImport(ctx: Ctx, config: Config, { file }: Upload): Promise<CustomerImportUploadDto> {
  try {
    const format = importFormatOf(file.fileName);
    if (!format) throw unsupported('只支持 .xlsx 或 .csv 文件（旧版 .xls 请在 Excel 中另存为 .xlsx）');
    if (!detectFileKind(file.fileName, file.head, [format])) throw unsupported(format === 'xlsx' ? '该文件不是有效的 .xlsx 文件' : '该文件不是文本格式的 CSV 文件（请在 Excel 中另存为「CSV UTF-8」）');
    const encoding = format === 'csv' ? await detectCsvEncoding(file.tmpPath) : 'utf-8';
    const { headers, sample, rowCount } = await summariseFile(file.tmpPath, format, encoding);
    if (rowCount === 0) throw unsupported('文件只有表头，没有数据行');
    const id = crypto.randomUUID();
    const finalPath = importFilePath(config, ctx.tenantId, { id, format });
    await moveInto(file.tmpPath, finalPath);
    try {
      await ctx.db.transaction((tx) =>
        repo.insertImport(ctx, tx, {
          id, fileName: file.fileName, format, encoding, size: file.size, sha256: file.sha256, headers, rowCount, createdBy: ctx.actor.id, createdAt: ctx.now(),
        }),
      );
    } catch (err) {
      await removeQuietly(finalPath);
      throw err;
    }
    const columns = importColumns(ctx, await listDefs(ctx, 'customer'));
    const remembered = await repo.rememberedMapping(ctx, headerSignature(headers));
    return {
      id, fileName: file.fileName, headers, sample, rowCount,
      suggestedMapping: remembered ? applyRemembered(headers, columns, remembered) : suggestMapping(headers, columns),
      mappingRemembered: !!remembered,
      fields: columns.map((c) => ({ key: c.key, label: c.label, required: !!c.required })),
    };
  } finally {
    await removeQuietly(file.tmpPath);
  }
}

async function ownImport(ctx: Ctx, id: string) {
  const imp = await repo.findOwnImport(ctx, id);
  if (!imp) throw notFound('import');
  return imp;
}

/** Check the mapping now (422 before any work is queued), remember it for files of the same shape, queue the run. */
export async function startImport(ctx: Ctx, jobs: JobRunner, id: string, body: z.infer<typeof CustomerImportRunBody>) {
  const imp = await ownImport(ctx, id);
  await buildPlan(ctx, imp, body.mapping);
  const mapping = Object.fromEntries(imp.headers.map((h) => [h, body.mapping[h] ?? '']));
  await repo.rememberMapping(ctx, headerSignature(imp.headers), mapping);
  const input: ImportJobInput = { importId: imp.id, mapping, dryRun: body.dryRun };
  return toJobDto(await jobs.enqueue(ctx, IMPORT_JOB, { ...input }, imp.rowCount));
}

/** The row-by-row report of the latest finished run of this file. */
export async function importReport(ctx: Ctx, config: Config, id: string) {
  const imp = await ownImport(ctx, id);
  return { path: importReportPath(config, ctx.tenantId, imp.id), fileName: `${imp.fileName.replace(/\.[^.]+$/, '')}-导入报告.csv`, contentType: 'text/csv; charset=utf-8' };
}
