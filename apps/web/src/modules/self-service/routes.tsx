import type { ModuleRoute } from '../../shared/routing';

export const selfServiceRoutes: ModuleRoute[] = [];
