import type { Factory } from './world.ts';

/**
 * Records of loyalty — settlement for the generated isolation walker. The settlement report, its rows and CSV, the
 * member KPIs and the expiry notices take no path parameter (they filter by month, store and member in the query, all
 * within the caller's tenant and scope: covered by test/loyalty/settlement.test.ts, kpis.test.ts and notices.test.ts),
 * so there is no record for the walker to build here.
 */
export const FACTORIES: Factory[] = [];
export const BODIES: Record<string, unknown> = {};
