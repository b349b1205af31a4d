import { z } from 'zod';
import { ALL_PERMISSIONS, CreateOrgUnit, CreateRole, CreateUser, OrgUnit, Role, UpdateOrgUnit, UpdateRole, UpdateUser, User } from '@jiake/shared';
import type { RouteModule } from '../http/types.ts';
import * as svc from './tenancy.service.ts';
import { registerAuditScope } from '../audit/audit.service.ts';

const IdParams = z.object({ id: z.uuid() });

export const tenancyRoutes: RouteModule = (app) => {
  registerAuditScope('user', svc.scopedUserIds);
  app.get('/api/v1/permissions', {
    config: { authenticated: true },
    schema: { tags: ['org'], summary: 'Every permission key a role can grant', response: { 200: z.object({ items: z.array(z.string()) }) } },
    handler: async () => ({ items: ALL_PERMISSIONS }),
  });

  app.get('/api/v1/org/units', {
    config: { permission: 'org:view' },
    schema: { tags: ['org'], summary: 'Org tree units visible to the caller, parents first', response: { 200: z.object({ items: z.array(OrgUnit) }) } },
    handler: async (req) => ({ items: await svc.listUnits(req.ctx) }),
  });
  app.post('/api/v1/org/units', {
    config: { permission: 'org:admin' },
    schema: { tags: ['org'], summary: 'Create a region or a store', body: CreateOrgUnit, response: { 201: OrgUnit } },
    handler: async (req, reply) => reply.status(201).send(await svc.createUnit(req.ctx, req.body)),
  });
  app.patch('/api/v1/org/units/:id', {
    config: { permission: 'org:admin' },
    schema: { tags: ['org'], summary: 'Rename, move, close or reopen a unit', params: IdParams, body: UpdateOrgUnit, response: { 200: OrgUnit } },
    handler: async (req) => svc.updateUnit(req.ctx, req.params.id, req.body),
  });

  app.get('/api/v1/roles', {
    config: { permission: 'roles:view' },
    schema: { tags: ['org'], summary: 'Roles of the tenant', response: { 200: z.object({ items: z.array(Role) }) } },
    handler: async (req) => ({ items: await svc.listRoles(req.ctx) }),
  });
  app.post('/api/v1/roles', {
    config: { permission: 'roles:admin' },
    schema: { tags: ['org'], summary: 'Create a role with permissions, data scope and field rules', body: CreateRole, response: { 201: Role } },
    handler: async (req, reply) => reply.status(201).send(await svc.createRole(req.ctx, req.body)),
  });
  app.patch('/api/v1/roles/:id', {
    config: { permission: 'roles:admin' },
    schema: { tags: ['org'], summary: 'Change a role', params: IdParams, body: UpdateRole, response: { 200: Role } },
    handler: async (req) => svc.updateRole(req.ctx, req.params.id, req.body),
  });

  app.get('/api/v1/users', {
    config: { permission: 'users:view', redact: 'user' },
    schema: {
      tags: ['org'],
      summary: 'Users within the caller’s scope',
      querystring: z.object({ q: z.string().max(64).optional(), unitId: z.uuid().optional(), limit: z.coerce.number().int().min(1).max(200).default(50), offset: z.coerce.number().int().min(0).max(100000).default(0) }),
      response: { 200: z.object({ items: z.array(User) }) },
    },
    handler: async (req) => ({ items: await svc.listUsers(req.ctx, req.query) }),
  });
  app.post('/api/v1/users', {
    config: { permission: 'users:admin' },
    schema: { tags: ['org'], summary: 'Create a user', body: CreateUser, response: { 201: User } },
    handler: async (req, reply) => reply.status(201).send(await svc.createUser(req.ctx, req.body)),
  });
  app.get('/api/v1/users/:id', {
    config: { permission: 'users:view', redact: 'user' },
    schema: { tags: ['org'], summary: 'One user', params: IdParams, response: { 200: User } },
    handler: async (req) => svc.getUser(req.ctx, req.params.id),
  });
  app.patch('/api/v1/users/:id', {
    config: { permission: 'users:admin' },
    schema: { tags: ['org'], summary: 'Change a user; disabling ends its sessions at once', params: IdParams, body: UpdateUser, response: { 200: User } },
    handler: async (req) => svc.updateUser(req.ctx, req.params.id, req.body),
  });
};
