import { z } from 'zod';
import {
  AuditRow, Category, CreateCategory, CreateProduct, CreateSeries, OkResponse, Product, ProductListQuery, Series, UpdateCategory, UpdateProduct,
  UpdateSeries, pageOf,
} from '@jiake/shared';
import type { RouteModule } from '../../platform/http/types.ts';
import * as svc from './catalogue.service.ts';

const IdParams = z.object({ id: z.uuid() });
const tags = ['catalogue'];

/** Product catalogue: categories, series (套系), products with SKU, price, care and maintenance interval (ORD-4). */
export const catalogueRoutes: RouteModule = (app) => {
  app.get('/api/v1/catalogue/categories', {
    config: { permission: 'catalogue:view' },
    schema: { tags, summary: 'Every product category of the tenant (a flat list with parent ids: the tree)', response: { 200: z.object({ items: z.array(Category) }) } },
    handler: async (req) => svc.listCategories(req.ctx),
  });
  app.post('/api/v1/catalogue/categories', {
    config: { permission: 'catalogue:admin' },
    schema: { tags, summary: 'Create a category (names unique among siblings)', body: CreateCategory, response: { 201: Category } },
    handler: async (req, reply) => reply.status(201).send(await svc.createCategory(req.ctx, req.body)),
  });
  app.patch('/api/v1/catalogue/categories/:id', {
    config: { permission: 'catalogue:admin' },
    schema: { tags, summary: 'Rename, move or reorder a category (never below itself)', params: IdParams, body: UpdateCategory, response: { 200: Category } },
    handler: async (req) => svc.updateCategory(req.ctx, req.params.id, req.body),
  });
  app.delete('/api/v1/catalogue/categories/:id', {
    config: { permission: 'catalogue:admin' },
    schema: { tags, summary: 'Delete an empty category (409 with subcategories or products)', params: IdParams, response: { 200: OkResponse } },
    handler: async (req) => {
      await svc.deleteCategory(req.ctx, req.params.id);
      return { ok: true as const };
    },
  });

  app.get('/api/v1/catalogue/series', {
    config: { permission: 'catalogue:view' },
    schema: { tags, summary: 'Every series (套系) of the tenant', response: { 200: z.object({ items: z.array(Series) }) } },
    handler: async (req) => svc.listSeries(req.ctx),
  });
  app.post('/api/v1/catalogue/series', {
    config: { permission: 'catalogue:admin' },
    schema: { tags, summary: 'Create a series (套系)', body: CreateSeries, response: { 201: Series } },
    handler: async (req, reply) => reply.status(201).send(await svc.createSeries(req.ctx, req.body)),
  });
  app.patch('/api/v1/catalogue/series/:id', {
    config: { permission: 'catalogue:admin' },
    schema: { tags, summary: 'Change a series', params: IdParams, body: UpdateSeries, response: { 200: Series } },
    handler: async (req) => svc.updateSeries(req.ctx, req.params.id, req.body),
  });
  app.delete('/api/v1/catalogue/series/:id', {
    config: { permission: 'catalogue:admin' },
    schema: { tags, summary: 'Delete a series without products (409 otherwise)', params: IdParams, response: { 200: OkResponse } },
    handler: async (req) => {
      await svc.deleteSeries(req.ctx, req.params.id);
      return { ok: true as const };
    },
  });

  app.get('/api/v1/catalogue/products', {
    config: { permission: 'catalogue:view' },
    schema: {
      tags,
      summary: 'Products by SKU (keyset pages); q matches the name (any part) or the SKU (prefix); categoryId includes subcategories',
      querystring: ProductListQuery,
      response: { 200: pageOf(Product) },
    },
    handler: async (req) => svc.listProducts(req.ctx, req.query),
  });
  app.post('/api/v1/catalogue/products', {
    config: { permission: 'catalogue:admin' },
    schema: { tags, summary: 'Create a product; the SKU is unique in the tenant (409 taken)', body: CreateProduct, response: { 201: Product } },
    handler: async (req, reply) => reply.status(201).send(await svc.createProduct(req.ctx, req.body)),
  });
  app.get('/api/v1/catalogue/products/:id', {
    config: { permission: 'catalogue:view' },
    schema: { tags, summary: 'One product', params: IdParams, response: { 200: Product } },
    handler: async (req) => svc.getProduct(req.ctx, req.params.id),
  });
  app.patch('/api/v1/catalogue/products/:id', {
    config: { permission: 'catalogue:admin' },
    schema: { tags, summary: 'Change a product (discontinue it with status; products are never deleted, orders refer to them)', params: IdParams, body: UpdateProduct, response: { 200: Product } },
    handler: async (req) => svc.updateProduct(req.ctx, req.params.id, req.body),
  });
  app.get('/api/v1/catalogue/products/:id/history', {
    config: { permission: 'catalogue:view' },
    schema: { tags, summary: 'Audit history of a product (price changes …)', params: IdParams, response: { 200: z.object({ items: z.array(AuditRow) }) } },
    handler: async (req) => svc.productHistory(req.ctx, req.params.id),
  });
};
