import { CallerLookupQuery, CallerLookupResult } from '@jiake/shared';
import type { RouteModule } from '../../platform/http/types.ts';
import { lookupCaller } from './caller-lookup.service.ts';

/** Caller lookup for telephony systems (SVC-8): the customer card, open requests and recent orders for any phone format. */
export const callerLookupRoutes: RouteModule = (app) => {
  app.get('/api/v1/caller-lookup', {
    config: { permission: 'callerLookup:view' },
    schema: {
      tags: ['caller-lookup'],
      summary: 'Who is calling: customer cards (field rules applied), open requests and recent orders for a phone in any format; works with an API key',
      querystring: CallerLookupQuery,
      response: { 200: CallerLookupResult },
    },
    handler: async (req) => lookupCaller(req.ctx, req.query.phone),
  });
};
