import type { RouteModule } from '../http/types.ts';
import type { WorkSource } from './work-items.ts';

/** "My work today" (PLAT-12): the caller's items from every module's source, merged. */
export const workRoutes =
  (_sources: Record<string, WorkSource>): RouteModule =>
  (_app) => {};
