import type { AppDeps } from '../../app.ts';

/** The knowledge module's public face: other modules import only from here. */
export { getPublicArticle, listPublicArticles, publicCategories, suggestPublicArticles, decodeArticleCursor } from './public-articles.ts';

/** Job kinds and cron schedules of the module. */
export function registerKnowledgeJobs(_deps: AppDeps) {}

/** The module's reactions to domain events. */
export function registerKnowledgeSubscriptions(_deps: AppDeps) {}
