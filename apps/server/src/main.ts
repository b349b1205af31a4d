import { readConfig } from './platform/config.ts';
import { startServer } from './server.ts';

const started = Date.now();
const config = readConfig();
const server = await startServer(config, { logger: { level: config.logLevel } }).catch((err) => {
  console.error('Jiake could not start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
console.log(`\n  家客 Jiake is running at ${server.url}  (database: ${server.database.kind}, ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
console.log('  Demo login: tenant demo, user admin, password demo1234\n');

let closing = false;
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, async () => {
    if (closing) return;
    closing = true;
    await server.close().catch(() => {});
    process.exit(0);
  });
}
