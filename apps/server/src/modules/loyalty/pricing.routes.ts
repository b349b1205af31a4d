import { z } from 'zod';
import { MemberPricing } from '@jiake/shared';
import type { App } from '../../platform/http/types.ts';
import { memberPricing } from './pricing.service.ts';

const CustomerParams = z.object({ customerId: z.uuid() });
const tags = ['loyalty'];

/** The member price of a customer at the till (LOY-5, LOY-6); registered by loyalty.routes.ts. */
export function registerPricingRoutes(app: App) {
  app.get('/api/v1/loyalty/customers/:customerId/pricing', {
    config: { permission: 'loyalty:view' },
    schema: {
      tags,
      summary: 'The customer’s member discount: the current tier’s and the active card’s, the larger applied (the tier’s on a tie); 0 for a customer who is not an active member',
      params: CustomerParams,
      response: { 200: MemberPricing },
    },
    handler: async (req) => memberPricing(req.ctx, req.params.customerId),
  });
}
