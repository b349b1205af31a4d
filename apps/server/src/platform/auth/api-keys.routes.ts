import { z } from 'zod';
import { and, desc, eq } from 'drizzle-orm';
import { ApiKey, CreateApiKey } from '@jiake/shared';
import type { RouteModule } from '../http/types.ts';
import { insertScoped, scopedWhere, unitWithinScope, updateScoped, type Fence } from '../db/scoped.ts';
import { invalid, issue } from '../http/errors.ts';
import { roles } from '../tenancy/tenancy.tables.ts';
import { apiKeys } from './auth.tables.ts';
import { randomToken, sha256 } from './password.ts';

export const apiKeyFence: Fence = { table: apiKeys, entity: 'apiKey' };
type Row = typeof apiKeys.$inferSelect;
const toDto = (k: Row) => ({
  id: k.id, name: k.name, prefix: k.prefix, roleId: k.roleId, unitId: k.unitId, createdAt: k.createdAt.toISOString(),
  lastUsedAt: k.lastUsedAt?.toISOString() ?? null, revokedAt: k.revokedAt?.toISOString() ?? null,
});
const alnum = (n: number) => randomToken(n * 2).replace(/[^A-Za-z0-9]/g, '').slice(0, n).padEnd(n, 'x');

export const apiKeyRoutes: RouteModule = (app) => {
  app.get('/api/v1/api-keys', {
    config: { permission: 'apiKeys:admin' },
    schema: { tags: ['integration'], summary: 'API keys of the tenant (never the secret)', response: { 200: z.object({ items: z.array(ApiKey) }) } },
    handler: async (req) => ({
      items: (await req.ctx.db.select().from(apiKeys).where(scopedWhere(req.ctx, apiKeyFence)).orderBy(desc(apiKeys.createdAt))).map(toDto),
    }),
  });
  app.post('/api/v1/api-keys', {
    config: { permission: 'apiKeys:admin' },
    schema: {
      tags: ['integration'],
      summary: 'Create an API key acting as a service account with a role; the key is shown once',
      body: CreateApiKey,
      response: { 201: ApiKey.extend({ key: z.string() }) },
    },
    handler: async (req, reply) => {
      const ctx = req.ctx;
      const row = await ctx.db.transaction(async (tx) => {
        const [role] = await tx.select().from(roles).where(and(eq(roles.tenantId, ctx.tenantId), eq(roles.id, req.body.roleId)));
        if (!role) throw invalid([issue('body.roleId', 'not_found', 'unknown role')]);
        if (!(await unitWithinScope(ctx, tx, req.body.unitId))) throw invalid([issue('body.unitId', 'not_found', 'unit not found')]);
        const prefix = alnum(8);
        const key = `jk_${prefix}_${randomToken(24)}`;
        const created = await insertScoped<Row>(ctx, tx, apiKeyFence, { ...req.body, prefix, keyHash: sha256(key), createdBy: ctx.actor.id });
        return { ...created, key };
      });
      return reply.status(201).send({ ...toDto(row), key: row.key });
    },
  });
  app.delete('/api/v1/api-keys/:id', {
    config: { permission: 'apiKeys:admin' },
    schema: { tags: ['integration'], summary: 'Revoke an API key', params: z.object({ id: z.uuid() }), response: { 200: ApiKey } },
    handler: async (req) => {
      const { after } = await req.ctx.db.transaction((tx) =>
        updateScoped<Row>(req.ctx, tx, apiKeyFence, req.params.id, { revokedAt: req.ctx.now() }, { action: 'apiKey.revoked' }),
      );
      return toDto(after);
    },
  });
};
