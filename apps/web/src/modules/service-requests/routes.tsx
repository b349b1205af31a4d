import type { ModuleRoute } from '../../shared/routing';

export const serviceRequestsRoutes: ModuleRoute[] = [];
