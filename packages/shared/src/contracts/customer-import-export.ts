import { z } from 'zod';
import { CustomerListQuery } from './customers.ts';

/** A field a file column can be mapped to: customer fields, `store` (门店 by code or name) and `cf_<key>` custom fields. */
export const ImportField = z.object({ key: z.string(), label: z.string(), required: z.boolean() });

/** Answer to an upload (CUS-7): what the file holds and a suggested column → field mapping ('' = not imported). */
export const CustomerImportUpload = z.object({
  id: z.string(),
  fileName: z.string(),
  headers: z.array(z.string()),
  /** The first five data rows, cell text by header. */
  sample: z.array(z.record(z.string(), z.string())),
  rowCount: z.number().int(),
  suggestedMapping: z.record(z.string(), z.string()),
  /** True when the suggestion is the mapping last used for files with these headers. */
  mappingRemembered: z.boolean(),
  fields: z.array(ImportField),
});
export type CustomerImportUploadDto = z.infer<typeof CustomerImportUpload>;

export const CustomerImportRunBody = z.object({
  /** Header → field key; '' or a missing header leaves the column out. */
  mapping: z.record(z.string().max(200), z.string().max(64)),
  dryRun: z.boolean().default(false),
});

export const ImportRowError = z.object({ row: z.number().int(), field: z.string(), message: z.string() });

/** The `result` of a finished import job. Duplicates are also counted in `skipped`. */
export const CustomerImportResult = z.object({
  dryRun: z.boolean(),
  total: z.number().int(),
  created: z.number().int(),
  skipped: z.number().int(),
  failed: z.number().int(),
  duplicates: z.number().int(),
  /** Rows created by an earlier run of the same file (idempotent re-runs). */
  alreadyImported: z.number().int(),
  /** At most 1000; the full list is in the report (GET /customer-imports/:id/report.csv). */
  errors: z.array(ImportRowError),
  errorsTruncated: z.boolean(),
});
export type CustomerImportResultDto = z.infer<typeof CustomerImportResult>;

/** The filters of the customer list, without paging. */
export const CustomerExportFilter = CustomerListQuery.omit({ limit: true, cursor: true, withTotal: true });
export const CUSTOMER_EXPORT_FORMATS = ['xlsx', 'csv'] as const;
export const CustomerExportBody = z.object({
  format: z.enum(CUSTOMER_EXPORT_FORMATS),
  filter: CustomerExportFilter.prefault({}),
  /** Column keys (see GET /customer-exports/columns); all visible columns when absent. */
  columns: z.array(z.string().max(64)).min(1).max(200).optional(),
});
export const ExportColumn = z.object({ key: z.string(), label: z.string() });

/** The `result` of a finished export job. */
export const CustomerExportResult = z.object({
  count: z.number().int(),
  format: z.enum(CUSTOMER_EXPORT_FORMATS),
  fileName: z.string(),
  columns: z.array(z.string()),
  phonesMasked: z.boolean(),
});
