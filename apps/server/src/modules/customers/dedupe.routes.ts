import { DuplicateGroupsPage, DuplicateGroupsQuery, MergeBody, VisibleCustomer } from '@jiake/shared';
import type { RouteModule } from '../../platform/http/types.ts';
import { findDuplicateGroups } from './find-duplicates.ts';
import { mergeCustomers } from './merge-customers.ts';

/** Duplicate finder and merge (CUS-6). */
export const dedupeRoutes: RouteModule = (app) => {
  app.get('/api/v1/customers/duplicates', {
    // Customers sit inside groups, so the service applies field rules itself (toVisibleCustomers), not `redact`.
    config: { permission: 'customers:merge' },
    schema: {
      tags: ['customers'],
      summary: 'Duplicate finder: groups of customers in your scope sharing a phone, or the same name with similar or missing phones (keyset pages of groups)',
      querystring: DuplicateGroupsQuery,
      response: { 200: DuplicateGroupsPage },
    },
    handler: async (req) => findDuplicateGroups(req.ctx, req.query),
  });
  app.post('/api/v1/customers/merge', {
    config: { permission: 'customers:merge', redact: 'customer' },
    schema: {
      tags: ['customers'],
      summary: 'Merge customers into a survivor: phones, tags, hobbies, contacts, attachments and history move over; merged ids then answer 404',
      body: MergeBody,
      response: { 200: VisibleCustomer },
    },
    handler: async (req) => mergeCustomers(req.ctx, req.body),
  });
};
