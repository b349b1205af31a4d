/**
 * Child process: the product as `npm start` runs it (startServer: migrations, all modules, the job runner), on the
 * benchmark database, listening on 127.0.0.1 at a free port.
 */
import os from 'node:os';
import path from 'node:path';
import { readConfig } from '../../../apps/server/src/platform/config.ts';
import { startServer } from '../../../apps/server/src/server.ts';

const config = readConfig({
  ...process.env,
  DATABASE_URL: process.env.BENCH_DATABASE_URL,
  DATA_DIR: path.join(os.tmpdir(), `jiake-bench-files-${process.pid}`),
  PORT: '0',
  HOST: '127.0.0.1',
  SEED_DEMO: 'never',
});
const server = await startServer(config, { logger: false });
process.on('message', async (m: { type: string; id?: number }) => {
  if (m.type === 'rss') process.send!({ reply: m.id, ...process.memoryUsage() });
  if (m.type === 'stop') {
    await server.close().catch(() => {});
    process.exit(0);
  }
});
process.on('disconnect', () => process.exit(0));
process.send!({ type: 'ready', port: Number(new URL(server.url).port) });
