import type { ModuleRoute } from '../../shared/routing';

export const workRoutes: ModuleRoute[] = [];
