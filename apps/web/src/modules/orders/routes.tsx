import type { ModuleRoute } from '../../shared/routing';

export const ordersRoutes: ModuleRoute[] = [];
