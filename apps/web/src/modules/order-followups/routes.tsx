import type { ModuleRoute } from '../../shared/routing';

export const orderFollowupsRoutes: ModuleRoute[] = [];
