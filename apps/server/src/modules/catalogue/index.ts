import type { AppDeps } from '../../app.ts';
import type { Ctx } from '../../platform/http/context.ts';
import type { DbOrTx } from '../../platform/db/client.ts';
import { categoryParents, existingSeriesIds, productsByIds, productsBySkus } from './catalogue.repository.ts';
import { toProductDto } from './catalogue.service.ts';

/** The catalogue module's public face: other modules import only from here. */

export type CatalogueProduct = ReturnType<typeof toProductDto>;

/** Products of the caller's tenant with these ids (unknown ids are left out), with category and series names. */
export async function findProductsByIds(ctx: Ctx, ids: string[], db: DbOrTx = ctx.db): Promise<CatalogueProduct[]> {
  return (await productsByIds(ctx, db, ids)).map(toProductDto);
}

/** Products of the caller's tenant with these SKUs (exact, case as stored). */
export async function findProductsBySkus(ctx: Ctx, skus: string[], db: DbOrTx = ctx.db): Promise<CatalogueProduct[]> {
  return (await productsBySkus(ctx, db, skus)).map(toProductDto);
}

/** The parent of every category of the caller's tenant (null at the top): to match a category with those below it. */
export const categoryTree = (ctx: Ctx, db: DbOrTx = ctx.db): Promise<Map<string, string | null>> => categoryParents(ctx, db);

/** Which of these series ids are series of the caller's tenant. */
export const seriesExisting = (ctx: Ctx, ids: string[], db: DbOrTx = ctx.db): Promise<Set<string>> => existingSeriesIds(ctx, db, ids);

/** Job kinds and cron schedules of the module. */
export function registerCatalogueJobs(_deps: AppDeps) {}

/** The module's reactions to domain events. */
export function registerCatalogueSubscriptions(_deps: AppDeps) {}
