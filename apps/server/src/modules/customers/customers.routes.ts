import { z } from 'zod';
import { AuditRow, Contact, CreateContact, CreateCustomer, CustomerListQuery, OkResponse, UpdateContact, UpdateCustomer, VisibleCustomer, pageOf } from '@jiake/shared';
import type { RouteModule } from '../../platform/http/types.ts';
import { registerAuditScope } from '../../platform/audit/audit.service.ts';
import { scopedContactIds, scopedCustomerIds } from './customers.repository.ts';
import * as svc from './customers.service.ts';
import { dedupeRoutes } from './dedupe.routes.ts';
import { poolRoutes } from './pool.routes.ts';

const IdParams = z.object({ id: z.uuid() });
const ContactParams = z.object({ id: z.uuid(), contactId: z.uuid() });
/** Field rules may remove fields from a customer, so the response schema lets every field be absent. */
const CustomerOut = VisibleCustomer;
const Customer360 = CustomerOut.extend({ contacts: z.array(Contact.partial().extend({ id: z.string() })) });

export const customerRoutes: RouteModule = (app, deps) => {
  // The audit trail shows a scoped caller the history of its own customers and their contacts only.
  registerAuditScope('customer', scopedCustomerIds);
  registerAuditScope('contact', scopedContactIds);
  dedupeRoutes(app, deps);
  poolRoutes(app, deps);
  app.get('/api/v1/customers', {
    config: { permission: 'customers:view', redact: 'customer' },
    schema: {
      tags: ['customers'],
      summary: 'Search and list customers (keyset pages). q matches name, 4+ phone digits, pinyin, initials, code or tag; cf_<key>=value filters custom fields',
      querystring: CustomerListQuery,
      response: { 200: pageOf(CustomerOut) },
    },
    handler: async (req) => svc.listCustomers(req.ctx, req.query),
  });
  app.post('/api/v1/customers', {
    config: { permission: 'customers:create', redact: 'customer' },
    schema: {
      tags: ['customers'],
      summary: 'Create a customer; answers 409 duplicate_suspected unless ignoreDuplicates',
      body: CreateCustomer,
      response: { 201: CustomerOut },
    },
    handler: async (req, reply) => reply.status(201).send(await svc.createCustomer(req.ctx, req.body)),
  });
  app.get('/api/v1/customers/:id', {
    config: { permission: 'customers:view', redact: 'customer' },
    schema: { tags: ['customers'], summary: 'One customer with contacts (the 360 view’s profile)', params: IdParams, response: { 200: Customer360 } },
    handler: async (req) => svc.getCustomer(req.ctx, req.params.id),
  });
  app.patch('/api/v1/customers/:id', {
    config: { permission: 'customers:edit', redact: 'customer' },
    schema: { tags: ['customers'], summary: 'Change a customer', params: IdParams, body: UpdateCustomer, response: { 200: CustomerOut } },
    handler: async (req) => svc.updateCustomer(req.ctx, req.params.id, req.body),
  });
  app.delete('/api/v1/customers/:id', {
    config: { permission: 'customers:delete' },
    schema: { tags: ['customers'], summary: 'Delete a customer (kept in history)', params: IdParams, response: { 200: OkResponse } },
    handler: async (req) => {
      await svc.deleteCustomer(req.ctx, req.params.id);
      return { ok: true as const };
    },
  });
  app.post('/api/v1/customers/:id/reveal-phones', {
    config: { permission: 'customers:reveal' },
    schema: { tags: ['customers'], summary: 'Full phone numbers; the reveal is audited', params: IdParams, response: { 200: z.object({ phones: z.array(z.string()) }) } },
    handler: async (req) => svc.revealPhones(req.ctx, req.params.id),
  });
  app.get('/api/v1/customers/:id/history', {
    config: { permission: 'customers:view' },
    schema: { tags: ['customers'], summary: 'Audit history of the customer and its contacts', params: IdParams, response: { 200: z.object({ items: z.array(AuditRow) }) } },
    handler: async (req) => svc.customerHistory(req.ctx, req.params.id),
  });

  app.post('/api/v1/customers/:id/contacts', {
    config: { permission: 'customers:edit', redact: 'contact' },
    schema: { tags: ['customers'], summary: 'Add a contact with its decision role', params: IdParams, body: CreateContact, response: { 201: Contact } },
    handler: async (req, reply) => reply.status(201).send(await svc.addContact(req.ctx, req.params.id, req.body)),
  });
  app.patch('/api/v1/customers/:id/contacts/:contactId', {
    config: { permission: 'customers:edit', redact: 'contact' },
    schema: { tags: ['customers'], summary: 'Change a contact', params: ContactParams, body: UpdateContact, response: { 200: Contact } },
    handler: async (req) => svc.updateContact(req.ctx, req.params.id, req.params.contactId, req.body),
  });
  app.delete('/api/v1/customers/:id/contacts/:contactId', {
    config: { permission: 'customers:edit' },
    schema: { tags: ['customers'], summary: 'Remove a contact', params: ContactParams, response: { 200: OkResponse } },
    handler: async (req) => {
      await svc.removeContact(req.ctx, req.params.id, req.params.contactId);
      return { ok: true as const };
    },
  });
};
