import { z } from 'zod';
import { CreateCustomFieldDef, CustomFieldDef, CUSTOM_FIELD_OBJECTS, UpdateCustomFieldDef } from '@jiake/shared';
import type { RouteModule } from '../http/types.ts';
import * as svc from './custom-fields.service.ts';

const IdParams = z.object({ id: z.uuid() });

export const customFieldRoutes: RouteModule = (app) => {
  app.get('/api/v1/custom-fields', {
    config: { authenticated: true },
    schema: { tags: ['custom fields'], summary: 'Custom field definitions (every user needs them for forms)', querystring: z.object({ object: z.enum(CUSTOM_FIELD_OBJECTS).optional() }), response: { 200: z.object({ items: z.array(CustomFieldDef) }) } },
    handler: async (req) => ({ items: await svc.listCustomFields(req.ctx, req.query.object) }),
  });
  app.post('/api/v1/custom-fields', {
    config: { permission: 'customFields:admin' },
    schema: { tags: ['custom fields'], summary: 'Define a custom field', body: CreateCustomFieldDef, response: { 201: CustomFieldDef } },
    handler: async (req, reply) => reply.status(201).send(await svc.createCustomField(req.ctx, req.body)),
  });
  app.patch('/api/v1/custom-fields/:id', {
    config: { permission: 'customFields:admin' },
    schema: { tags: ['custom fields'], summary: 'Change a custom field', params: IdParams, body: UpdateCustomFieldDef, response: { 200: CustomFieldDef } },
    handler: async (req) => svc.updateCustomField(req.ctx, req.params.id, req.body),
  });
  app.delete('/api/v1/custom-fields/:id', {
    config: { permission: 'customFields:admin' },
    schema: { tags: ['custom fields'], summary: 'Remove a custom field definition (values stay in history)', params: IdParams, response: { 200: CustomFieldDef } },
    handler: async (req) => svc.deleteCustomField(req.ctx, req.params.id),
  });
};
