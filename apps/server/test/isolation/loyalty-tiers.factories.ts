import type { Factory } from './world.ts';

/**
 * Records of loyalty — tiers for the generated isolation walker. The tier routes with a path parameter are a member's
 * (`/api/v1/loyalty/members/:id/tier`, GET and POST): the member factory of loyalty.factories.ts builds their record
 * (customer-owned, fenced by the join store), so no factory of its own here. The tier table and the mix have no path
 * parameter (tenant-wide and scoped lists; tests/loyalty/tiers.test.ts covers them).
 */
export const FACTORIES: Factory[] = [];

/** Sample bodies that would make a real change, keyed "METHOD /registered/url". */
export const BODIES: Record<string, unknown> = {
  // Any tier id: the member is unreachable before the tier is looked at.
  'POST /api/v1/loyalty/members/:id/tier': { tierId: '00000000-0000-4000-8000-000000000001', reason: '越权调整等级' },
};
