import type { App } from '../../platform/http/types.ts';

/** Routes of loyalty — stored-value (issue 5); registered by loyalty.routes.ts. */
export function registerStoredValueRoutes(_app: App) {}
