import type { Config } from '../../../platform/config.ts';
import { tenantPath } from '../../../platform/files/storage.ts';

/** Where an import's file and its latest row report live: FILES_DIR/<tenant>/imports/. */
export const importFilePath = (config: Pick<Config, 'filesDir'>, tenantId: string, imp: { id: string; format: string }) =>
  tenantPath(config, tenantId, 'imports', `${imp.id}.${imp.format}`);

export const importReportPath = (config: Pick<Config, 'filesDir'>, tenantId: string, importId: string) =>
  tenantPath(config, tenantId, 'imports', `${importId}.report.csv`);

export const IMPORT_JOB = 'customer.import';

export interface ImportJobInput {
  importId: string;
  mapping: Record<string, string>;
  dryRun: boolean;
}
