import type { ModuleRoute } from '../../shared/routing';

export const targetsRoutes: ModuleRoute[] = [];
