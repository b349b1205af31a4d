/**
 * Child process: the product as `npm start` runs it — the built server (apps/server/dist, which the harness builds
 * first; plain JavaScript, no TypeScript loader): migrations, all modules, the job runner — on the benchmark
 * database, listening on 127.0.0.1 at a free port. Plain JavaScript itself, so no loader adds to its memory (P11).
 */
import os from 'node:os';
import path from 'node:path';

// startServer() reads its configuration from the environment, as `npm start` does.
Object.assign(process.env, {
  DATABASE_URL: process.env.BENCH_DATABASE_URL,
  DATA_DIR: path.join(os.tmpdir(), `jiake-bench-files-${process.pid}`),
  PORT: '0',
  HOST: '127.0.0.1',
  SEED_DEMO: 'never',
});
const { startServer } = await import('../../../apps/server/dist/server.mjs');
const server = await startServer(undefined, { logger: false });
process.on('message', async (m) => {
  if (m.type === 'rss') process.send({ reply: m.id, ...process.memoryUsage() });
  // After a full collection (the child runs with --expose-gc): what is really retained.
  if (m.type === 'gc') {
    globalThis.gc?.();
    process.send({ reply: m.id, ...process.memoryUsage() });
  }
  if (m.type === 'stop') {
    await server.close().catch(() => {});
    process.exit(0);
  }
});
process.on('disconnect', () => process.exit(0));
process.send({ type: 'ready', port: Number(new URL(server.url).port) });
