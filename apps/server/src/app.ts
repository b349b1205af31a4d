import fs from 'node:fs';
import path from 'node:path';
import Fastify from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from './platform/config.ts';
import { SERVER_ROOT } from './platform/paths.ts';
import type { Database } from './platform/db/client.ts';
import { registerErrorHandling } from './platform/http/error-handler.ts';
import { registerGuard } from './platform/http/guard.ts';
import { createResponseSerializer, type ResponseSerializer } from './platform/http/serializer.ts';
import type { App } from './platform/http/types.ts';
import { MODULES } from './modules.ts';
import { registerSubscriptions } from './subscriptions.ts';
import type { Mailer } from './platform/mail/mailer.ts';
import { JobRunner } from './platform/jobs/runner.ts';

export interface AppDeps {
  db: Database;
  config: Config;
  /** Injected clock: reminders, expiry and idle rules are testable. */
  now: () => Date;
  mailer: Mailer;
  jobs: JobRunner;
}

const webDist = path.resolve(SERVER_ROOT, '../web/dist');
const serializers = new WeakMap<object, ResponseSerializer>();
/** The app's response serializer (its fallbacks are checked by the architecture test). */
export const responseSerializerOf = (app: object) => serializers.get(app);

export async function buildApp(deps: AppDeps, opts: { logger?: boolean | object } = {}): Promise<App> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: 1024 * 1024,
    trustProxy: process.env.TRUST_PROXY === 'true',
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: false,
    ajv: { customOptions: { coerceTypes: true } },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  const responses = createResponseSerializer({ check: deps.config.checkResponses });
  app.setSerializerCompiler(responses.compiler);
  serializers.set(app, responses);
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
    reply.header('x-content-type-options', 'nosniff');
  });

  registerErrorHandling(app);
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: deps.config.maxUploadBytes, files: 1, fields: 20 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Jiake (家客) API', version: '1.0.0', description: 'REST API of Jiake. Authenticate with a session cookie or `Authorization: Bearer <api key>`.' },
      components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer' }, session: { type: 'apiKey', in: 'cookie', name: 'jk_session' } } },
      security: [{ apiKey: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list', deepLinking: true } });
  registerGuard(app, deps.db.db, deps.now);

  app.get('/api/v1/openapi.json', { config: { public: true }, schema: { hide: true, response: { 200: z.record(z.string(), z.unknown()) } } }, async () => app.swagger() as unknown as Record<string, unknown>);
  app.get('/api/v1/health', {
    config: { public: true },
    schema: { tags: ['platform'], summary: 'Liveness and database kind', response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['embedded', 'server']), version: z.string() }) } },
    handler: async () => {
      await deps.db.pool.query('SELECT 1');
      return { status: 'ok' as const, database: deps.db.kind, version: '0.1.0' };
    },
  });

  registerSubscriptions(deps);
  for (const register of MODULES) await register(app as App, deps);

  // The web app: static files, and index.html for client-side routes.
  const hasWeb = fs.existsSync(path.join(webDist, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: webDist, prefix: '/', wildcard: true, index: ['index.html'] });
  app.setNotFoundHandler((req, reply) => {
    if (hasWeb && req.method === 'GET' && !req.url.startsWith('/api/')) return reply.type('text/html').sendFile('index.html');
    return reply.status(404).send({ error: { code: 'not_found', message: 'no such route', requestId: req.id } });
  });
  return app as App;
}
