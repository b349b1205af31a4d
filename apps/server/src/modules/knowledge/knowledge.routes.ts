import type { RouteModule } from '../../platform/http/types.ts';

/** Knowledge base articles in a category tree (SVC-5). */
export const knowledgeRoutes: RouteModule = () => {};
