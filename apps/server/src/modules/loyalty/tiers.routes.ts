import type { App } from '../../platform/http/types.ts';

/** Routes of loyalty — tiers (issue 5); registered by loyalty.routes.ts. */
export function registerTierRoutes(_app: App) {}
