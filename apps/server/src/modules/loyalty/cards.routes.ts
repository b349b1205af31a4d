import type { App } from '../../platform/http/types.ts';

/** Routes of loyalty — cards (issue 5); registered by loyalty.routes.ts. */
export function registerCardRoutes(_app: App) {}
