/** Tables of the catalogue module. Product catalogue: categories, series (套系), products with SKU, price, care and maintenance interval (ORD-4). */
import { sql } from 'drizzle-orm';
import { bigint, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { idColumn, tenantColumn, timestamps } from '../../platform/db/columns.ts';

/** Product categories, a tree (客厅 → 沙发 → 真皮沙发); names are unique among siblings. */
export const productCategories = pgTable(
  'product_categories',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    parentId: uuid('parent_id'),
    name: text('name').notNull(),
    code: text('code'),
    sortOrder: integer('sort_order').notNull().default(0),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('product_categories_sibling_name').on(t.tenantId, sql`coalesce(${t.parentId}, '00000000-0000-0000-0000-000000000000'::uuid)`, t.name),
    uniqueIndex('product_categories_code').on(t.tenantId, t.code).where(sql`${t.code} IS NOT NULL`),
    index('product_categories_parent').on(t.tenantId, t.parentId),
  ],
);

/** Series (套系): products designed to go together (a living-room set, a bedroom collection). */
export const productSeries = pgTable(
  'product_series',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    name: text('name').notNull(),
    code: text('code'),
    style: text('style'),
    description: text('description'),
    status: text('status', { enum: ['active', 'discontinued'] }).notNull().default('active'),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('product_series_name').on(t.tenantId, t.name),
    uniqueIndex('product_series_code').on(t.tenantId, t.code).where(sql`${t.code} IS NOT NULL`),
  ],
);

export const products = pgTable(
  'products',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    sku: text('sku').notNull(),
    name: text('name').notNull(),
    categoryId: uuid('category_id'),
    seriesId: uuid('series_id'),
    /** List price in fen. */
    priceFen: bigint('price_fen', { mode: 'number' }).notNull(),
    unit: text('unit').notNull().default('件'),
    spec: text('spec'),
    material: text('material'),
    careInstructions: text('care_instructions'),
    /** Days between maintenance reminders (CARE-3); null = none. */
    maintenanceIntervalDays: integer('maintenance_interval_days'),
    warrantyMonths: integer('warranty_months'),
    status: text('status', { enum: ['active', 'discontinued'] }).notNull().default('active'),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('products_tenant_sku').on(t.tenantId, t.sku),
    index('products_tenant_category').on(t.tenantId, t.categoryId, t.sku),
    index('products_tenant_series').on(t.tenantId, t.seriesId, t.sku),
    index('products_name_trgm').using('gin', sql`${t.name} gin_trgm_ops`),
  ],
);
