import type { RouteModule } from '../../platform/http/types.ts';

/** Product catalogue: categories, series (套系), products with SKU, price, care and maintenance interval (ORD-1). */
export const catalogueRoutes: RouteModule = () => {};
