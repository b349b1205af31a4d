import { z } from 'zod';
import { CleanText, NameText, PageQuery } from './common.ts';

/** Product catalogue (ORD-4): a category tree, series (套系) and products with SKU, price in fen, care and maintenance. */

export const PRODUCT_STATUSES = ['active', 'discontinued'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];
export const SERIES_STATUSES = ['active', 'discontinued'] as const;

/** Money in fen (分): a whole number, never a float. Up to 100 million yuan for one price. */
export const Fen = z.number().int().min(0).max(10_000_000_000);

export const Category = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  name: z.string(),
  code: z.string().nullable(),
  sortOrder: z.number().int(),
  /** Products directly in this category (not its subcategories). */
  productCount: z.number().int(),
});
export type CategoryDto = z.infer<typeof Category>;
export const CreateCategory = z.object({
  parentId: z.uuid().nullable().optional(),
  name: NameText(50),
  code: z.string().trim().min(1).max(32).regex(/^[A-Za-z0-9_-]+$/).nullable().optional(),
  sortOrder: z.number().int().min(0).max(100000).default(0),
});
export const UpdateCategory = z.object({
  parentId: z.uuid().nullable().optional(),
  name: NameText(50).optional(),
  code: CreateCategory.shape.code,
  sortOrder: z.number().int().min(0).max(100000).optional(),
});

export const Series = z.object({
  id: z.string(),
  name: z.string(),
  code: z.string().nullable(),
  style: z.string().nullable(),
  description: z.string().nullable(),
  status: z.enum(SERIES_STATUSES),
  productCount: z.number().int(),
});
export type SeriesDto = z.infer<typeof Series>;
export const CreateSeries = z.object({
  name: NameText(50),
  code: z.string().trim().min(1).max(32).regex(/^[A-Za-z0-9_-]+$/).nullable().optional(),
  style: CleanText(50).nullable().optional(),
  description: CleanText(2000).nullable().optional(),
  status: z.enum(SERIES_STATUSES).default('active'),
});
export const UpdateSeries = z.object({
  name: NameText(50).optional(),
  code: CreateSeries.shape.code,
  style: CreateSeries.shape.style,
  description: CreateSeries.shape.description,
  status: z.enum(SERIES_STATUSES).optional(),
});

/** SKU: letters, digits and - _ . / (ERP codes), case kept, unique per tenant. */
export const Sku = z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, 'letters, digits and . _ / - only');

export const Product = z.object({
  id: z.string(),
  sku: z.string(),
  name: z.string(),
  categoryId: z.string().nullable(),
  categoryName: z.string().nullable(),
  seriesId: z.string().nullable(),
  seriesName: z.string().nullable(),
  priceFen: z.number().int(),
  unit: z.string(),
  spec: z.string().nullable(),
  material: z.string().nullable(),
  careInstructions: z.string().nullable(),
  /** Days between maintenance visits/reminders (CARE-3); null = none. */
  maintenanceIntervalDays: z.number().int().nullable(),
  warrantyMonths: z.number().int().nullable(),
  status: z.enum(PRODUCT_STATUSES),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ProductDto = z.infer<typeof Product>;

const productFields = {
  sku: Sku,
  name: NameText(100),
  categoryId: z.uuid().nullable().optional(),
  seriesId: z.uuid().nullable().optional(),
  priceFen: Fen,
  unit: NameText(10).default('件'),
  spec: CleanText(200).nullable().optional(),
  material: CleanText(200).nullable().optional(),
  careInstructions: CleanText(2000).nullable().optional(),
  maintenanceIntervalDays: z.number().int().min(1).max(3650).nullable().optional(),
  warrantyMonths: z.number().int().min(0).max(600).nullable().optional(),
  status: z.enum(PRODUCT_STATUSES).default('active'),
};
export const CreateProduct = z.object(productFields);
export type CreateProductInput = z.infer<typeof CreateProduct>;
export const UpdateProduct = z
  .object({
    sku: Sku.optional(),
    name: NameText(100).optional(),
    categoryId: productFields.categoryId,
    seriesId: productFields.seriesId,
    priceFen: Fen.optional(),
    unit: NameText(10).optional(),
    spec: productFields.spec,
    material: productFields.material,
    careInstructions: productFields.careInstructions,
    maintenanceIntervalDays: productFields.maintenanceIntervalDays,
    warrantyMonths: productFields.warrantyMonths,
    status: z.enum(PRODUCT_STATUSES).optional(),
  })
  .strict();
export type UpdateProductInput = z.infer<typeof UpdateProduct>;

export const ProductListQuery = PageQuery.extend({
  /** Name (any part) or SKU (prefix). */
  q: z.string().trim().max(100).optional(),
  /** A category and all its subcategories. */
  categoryId: z.uuid().optional(),
  seriesId: z.uuid().optional(),
  status: z.enum(PRODUCT_STATUSES).optional(),
});
