import type { App } from '../../platform/http/types.ts';

/** Routes of loyalty — bonus-rules (issue 5); registered by loyalty.routes.ts. */
export function registerBonusRuleRoutes(_app: App) {}
