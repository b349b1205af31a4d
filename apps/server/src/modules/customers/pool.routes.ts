import { z } from 'zod';
import { PoolSettings, ReleaseBody, TransferBody, TransferResult, VisibleCustomer } from '@jiake/shared';
import type { RouteModule } from '../../platform/http/types.ts';
import { transferCustomers } from './transfer-customers.ts';
import { claimCustomer, poolSettingsOf, releaseCustomer, updatePoolSettings } from './pool.ts';

const IdParams = z.object({ id: z.uuid() });

/** Ownership (CUS-6): bulk transfer, the shared pool (公海) and its idle rule. */
export const poolRoutes: RouteModule = (app) => {
  app.post('/api/v1/customers/transfer', {
    config: { permission: 'customers:transfer' },
    schema: {
      tags: ['customers'],
      summary: 'Bulk transfer of up to 1000 customers to a new owner (null = the pool) and/or store, all or nothing; answers how many changed',
      body: TransferBody,
      response: { 200: TransferResult },
    },
    handler: async (req) => transferCustomers(req.ctx, req.body),
  });
  app.post('/api/v1/customers/:id/claim', {
    config: { permission: 'customers:pool', redact: 'customer' },
    schema: {
      tags: ['customers'],
      summary: 'Claim a customer from the shared pool (公海); 409 when someone owns it already',
      params: IdParams,
      response: { 200: VisibleCustomer },
    },
    handler: async (req) => claimCustomer(req.ctx, req.params.id),
  });
  app.post('/api/v1/customers/:id/release', {
    config: { permission: 'customers:edit', redact: 'customer' },
    schema: {
      tags: ['customers'],
      summary: 'Release a customer to the shared pool with an optional reason; 409 when it is already there',
      params: IdParams,
      body: ReleaseBody.nullish(),
      response: { 200: VisibleCustomer },
    },
    handler: async (req) => releaseCustomer(req.ctx, req.params.id, req.body?.reason),
  });
  app.get('/api/v1/customer-pool/settings', {
    config: { permission: 'customers:pool' },
    schema: { tags: ['customers'], summary: 'The shared pool’s idle rule: owned customers untouched for idleDays return to the pool when enabled', response: { 200: PoolSettings } },
    handler: async (req) => poolSettingsOf(req.ctx),
  });
  app.put('/api/v1/customer-pool/settings', {
    config: { permission: 'org:admin' },
    schema: { tags: ['customers'], summary: 'Change the shared pool’s idle rule (idleDays 1–3650)', body: PoolSettings, response: { 200: PoolSettings } },
    handler: async (req) => updatePoolSettings(req.ctx, req.body),
  });
};
