import type { RouteModule } from '../http/types.ts';

/** The caller's inbox (PLAT-12). */
export const notificationRoutes: RouteModule = (_app) => {};
