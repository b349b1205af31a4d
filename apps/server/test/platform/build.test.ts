import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, inject, it, onTestFinished } from 'vitest';
import { buildServer } from '../../scripts/build.mjs';
// @ts-expect-error a plain ES module script without type declarations
import { startBuilt } from '../../scripts/start-built.mjs';

const serverRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * `npm start` runs the built server (dist/main.mjs, plain JavaScript) rather than the TypeScript sources the other
 * tests run: this builds it and starts it as `npm start` does, on the test database, so the bundle cannot rot (a
 * path that only works from src/, an import the bundler cannot follow).
 */
describe('the built server (npm start)', () => {
  it('builds, starts from dist/main.mjs, migrates, and answers the API and the web app', async () => {
    // A folder of its own: the benchmark smoke test builds into dist/ at the same time.
    const outdir = `dist/test-${process.pid}`;
    await buildServer({ quiet: true, outdir });
    onTestFinished(() => fs.rmSync(path.join(serverRoot, outdir), { recursive: true, force: true }));
    const server: { url: string; stop(): Promise<void> } = await startBuilt({
      outdir,
      env: { DATABASE_URL: inject('databaseUrl'), DATA_DIR: path.join(os.tmpdir(), `jiake-build-test-${process.pid}`) },
    });
    try {
      const health = await fetch(`${server.url}/api/v1/health`);
      expect([health.status, await health.json()]).toEqual([200, { status: 'ok', database: 'server', version: expect.any(String) }]);
      expect((await fetch(`${server.url}/api/v1/auth/me`)).status).toBe(401);
      const page = await fetch(`${server.url}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
    } finally {
      await server.stop();
    }
  }, 90_000);
});
