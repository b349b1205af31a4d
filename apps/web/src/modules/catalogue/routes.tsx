import type { ModuleRoute } from '../../shared/routing';

export const catalogueRoutes: ModuleRoute[] = [];
