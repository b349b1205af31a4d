import type { ModuleRoute } from '../../shared/routing';

export const leadsRoutes: ModuleRoute[] = [];
