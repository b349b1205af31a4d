import path from 'node:path';
import { buildApp } from './app.ts';
import { readConfig, type Config } from './platform/config.ts';
import { openDatabase, type Database } from './platform/db/client.ts';
import { startEmbeddedPostgres, type EmbeddedDb } from './platform/db/embedded.ts';
import { migrateDatabase } from './platform/db/migrate.ts';
import { createMailer } from './platform/mail/mailer.ts';
import { JobRunner } from './platform/jobs/runner.ts';
import { upgradeBuiltinRoles } from './platform/tenancy/role-upgrades.ts';
import { registerJobs } from './jobs.ts';
import { seedDemoIfEmpty } from './demo/seed.ts';

export interface RunningServer {
  url: string;
  database: Database;
  close(): Promise<void>;
}

/** Open (or start) the database, migrate, seed demo data when asked, and serve HTTP + the job worker. */
export async function startServer(config: Config = readConfig(), opts: { logger?: boolean | object; now?: () => Date } = {}): Promise<RunningServer> {
  let embedded: EmbeddedDb | null = null;
  let url = config.databaseUrl;
  if (!url) {
    embedded = await startEmbeddedPostgres(path.join(config.dataDir, 'pg'), config.embeddedPort);
    url = embedded.url;
  }
  const database = openDatabase(url, embedded ? 'embedded' : 'server');
  const now = opts.now ?? (() => new Date());
  const jobs = new JobRunner(database.db, now);
  const deps = { db: database, config, now, mailer: createMailer(config), jobs };
  let app: Awaited<ReturnType<typeof buildApp>>;
  try {
    await migrateDatabase(database.pool);
    await upgradeBuiltinRoles(database.db);
    registerJobs(deps);
    // Building the app registers the event subscribers, so the demo's events (order.paid …) get their deliveries.
    app = await buildApp(deps, { logger: opts.logger ?? { level: config.logLevel } });
    // Demo data goes into an empty embedded database on its own; into a server only when forced.
    if (config.seedDemo === 'force' || (config.seedDemo === 'auto' && embedded)) await seedDemoIfEmpty(database.db);
  } catch (err) {
    await database.close();
    await embedded?.stop();
    throw err;
  }
  await app.listen({ port: config.port, host: config.host });
  jobs.start();
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  return {
    url: `http://${shownHost}:${port}`,
    database,
    async close() {
      await jobs.stop();
      await app.close();
      await database.close();
      await embedded?.stop();
    },
  };
}
