import { z } from 'zod';
import {
  Article, ArticleListQuery, ArticlePage, AuditRow, CreateArticle, CreateKnowledgeCategory, KnowledgeCategory, OkResponse, SuggestQuery,
  Suggestions, UpdateArticle, UpdateKnowledgeCategory,
} from '@jiake/shared';
import type { RouteModule } from '../../platform/http/types.ts';
import * as articles from './articles.service.ts';
import * as categories from './categories.service.ts';
import { suggestForText } from './suggest.ts';

const IdParams = z.object({ id: z.uuid() });
const tags = ['knowledge'];

/** Knowledge base articles in a category tree (SVC-5). Read with knowledge:view, write with knowledge:edit. */
export const knowledgeRoutes: RouteModule = (app) => {
  app.get('/api/v1/knowledge/categories', {
    config: { permission: 'knowledge:view' },
    schema: { tags, summary: 'Every category (a tree by parentId) with its article count', response: { 200: z.object({ items: z.array(KnowledgeCategory) }) } },
    handler: async (req) => categories.listCategories(req.ctx),
  });
  app.post('/api/v1/knowledge/categories', {
    config: { permission: 'knowledge:edit' },
    schema: { tags, summary: 'Create a category', body: CreateKnowledgeCategory, response: { 201: KnowledgeCategory } },
    handler: async (req, reply) => reply.status(201).send(await categories.createCategory(req.ctx, req.body)),
  });
  app.patch('/api/v1/knowledge/categories/:id', {
    config: { permission: 'knowledge:edit' },
    schema: { tags, summary: 'Rename, move or reorder a category', params: IdParams, body: UpdateKnowledgeCategory, response: { 200: KnowledgeCategory } },
    handler: async (req) => categories.updateCategory(req.ctx, req.params.id, req.body),
  });
  app.delete('/api/v1/knowledge/categories/:id', {
    config: { permission: 'knowledge:edit' },
    schema: { tags, summary: 'Delete an empty category (409 while it holds sub-categories or articles)', params: IdParams, response: { 200: OkResponse } },
    handler: async (req) => {
      await categories.deleteCategory(req.ctx, req.params.id);
      return { ok: true as const };
    },
  });

  app.get('/api/v1/knowledge/articles', {
    config: { permission: 'knowledge:view' },
    schema: {
      tags,
      summary: 'List articles (keyset pages, newest change first); q searches Chinese substrings, pinyin and initials and answers the best matches',
      querystring: ArticleListQuery,
      response: { 200: ArticlePage },
    },
    handler: async (req) => articles.listArticles(req.ctx, req.query),
  });
  app.post('/api/v1/knowledge/articles', {
    config: { permission: 'knowledge:edit' },
    schema: { tags, summary: 'Create an article (Markdown body)', body: CreateArticle, response: { 201: Article } },
    handler: async (req, reply) => reply.status(201).send(await articles.createArticle(req.ctx, req.body)),
  });
  app.get('/api/v1/knowledge/articles/:id', {
    config: { permission: 'knowledge:view' },
    schema: { tags, summary: 'One article', params: IdParams, response: { 200: Article } },
    handler: async (req) => articles.getArticle(req.ctx, req.params.id),
  });
  app.patch('/api/v1/knowledge/articles/:id', {
    config: { permission: 'knowledge:edit' },
    schema: { tags, summary: 'Change an article (a new version; expectedVersion refuses to overwrite a newer one with 409)', params: IdParams, body: UpdateArticle, response: { 200: Article } },
    handler: async (req) => articles.updateArticle(req.ctx, req.params.id, req.body),
  });
  app.delete('/api/v1/knowledge/articles/:id', {
    config: { permission: 'knowledge:edit' },
    schema: { tags, summary: 'Delete an article (its versions stay in the audit trail)', params: IdParams, response: { 200: OkResponse } },
    handler: async (req) => {
      await articles.deleteArticle(req.ctx, req.params.id);
      return { ok: true as const };
    },
  });
  app.get('/api/v1/knowledge/articles/:id/history', {
    config: { permission: 'knowledge:view' },
    schema: { tags, summary: 'Versions of an article (its audit trail), newest first', params: IdParams, response: { 200: z.object({ items: z.array(AuditRow) }) } },
    handler: async (req) => articles.articleHistory(req.ctx, req.params.id),
  });
  app.get('/api/v1/knowledge/suggest', {
    config: { permission: 'knowledge:view' },
    schema: { tags, summary: 'Published articles that best answer a text (shown beside a request)', querystring: SuggestQuery, response: { 200: Suggestions } },
    handler: async (req) => suggestForText(req.ctx, req.query),
  });
};
