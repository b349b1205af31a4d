import type { ModuleRoute } from '../../shared/routing';

export const knowledgeRoutes: ModuleRoute[] = [];
