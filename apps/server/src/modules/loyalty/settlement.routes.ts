import type { App } from '../../platform/http/types.ts';

/** Routes of loyalty — settlement (issue 5); registered by loyalty.routes.ts. */
export function registerSettlementRoutes(_app: App) {}
