import type { ModuleRoute } from '../../shared/routing';

export const activitiesRoutes: ModuleRoute[] = [];
