import type { ModuleRoute } from '../../shared/routing';

export const opportunitiesRoutes: ModuleRoute[] = [];
