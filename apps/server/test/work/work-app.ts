import { Writable } from 'node:stream';
import Fastify from 'fastify';
import cookie from '@fastify/cookie';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { registerErrorHandling } from '../../src/platform/http/error-handler.ts';
import { registerGuard } from '../../src/platform/http/guard.ts';
import type { App } from '../../src/platform/http/types.ts';
import type { WorkSourceEntry } from '../../src/platform/work/work-items.ts';
import { workRoutes } from '../../src/platform/work/work.routes.ts';
import type { TestApp } from '../helpers.ts';

/**
 * The work-today route over sources a test chooses (a failing one, a slow one, one that records what it was asked),
 * on the test app's database and clock, so sessions made through the real app log in here too. Log lines are kept.
 */
export async function workApp(t: TestApp, sources: Record<string, WorkSourceEntry>, opts: { timeoutMs?: number } = {}) {
  const logs: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) logs.push(JSON.parse(line));
      done();
    },
  });
  const app = Fastify({ logger: { level: 'warn', stream } }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  await app.register(cookie);
  registerGuard(app, t.deps.db.db, t.clock.now);
  await workRoutes(sources, opts)(app as unknown as App, t.deps);
  await app.ready();
  return { app, logs };
}
