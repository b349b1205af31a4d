import type { RouteModule } from './platform/http/types.ts';
import { authRoutes } from './platform/auth/auth.routes.ts';
import { tenancyRoutes } from './platform/tenancy/tenancy.routes.ts';
import { auditRoutes } from './platform/audit/audit.routes.ts';
import { historyRoutes } from './platform/audit/history.routes.ts';
import { apiKeyRoutes } from './platform/auth/api-keys.routes.ts';
import { customFieldRoutes } from './platform/custom-fields/custom-fields.routes.ts';
import { jobRoutes } from './platform/jobs/jobs.routes.ts';
import { customerRoutes } from './modules/customers/customers.routes.ts';
import { customerImportRoutes } from './modules/customers/import/import.routes.ts';
import { customerExportRoutes } from './modules/customers/export/export.routes.ts';
import { fileRoutes } from './platform/files/files.routes.ts';
import { isCustomerVisible } from './modules/customers/index.ts';

/** Every module, listed so the graph stays visible. Order is the order of registration. */
export const MODULES: RouteModule[] = [
  authRoutes,
  tenancyRoutes,
  apiKeyRoutes,
  auditRoutes,
  historyRoutes,
  customFieldRoutes,
  jobRoutes,
  customerRoutes,
  customerImportRoutes,
  customerExportRoutes,
  /** Records that take attachments, with the check of who may see them. */
  fileRoutes({ customer: isCustomerVisible }),
];
