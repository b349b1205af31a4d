/**
 * Build the server for `npm start`: one ES module per entry point in dist/ (main.mjs: the program; server.mjs:
 * `startServer`, for the benchmark harness), with the workspace's own TypeScript (this package and @jiake/shared)
 * bundled and every npm package left to Node. Starting from plain JavaScript skips compiling some 400 TypeScript
 * modules through a loader hook on every start (seconds on a small machine) and the memory that loader keeps.
 * Tests and `npm run dev` still run the sources through tsx.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** npm packages stay imports (Node resolves them from node_modules); the workspace's own packages are bundled. */
const externalPackages = {
  name: 'external-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@jiake/') ? undefined : { path: args.path, external: true }));
  },
};

/** `outdir`: relative to apps/server, and inside it (the server finds its package folder by walking up). */
export async function buildServer({ quiet = false, outdir = 'dist' } = {}) {
  const started = Date.now();
  // Chunk names carry a hash: start from an empty folder so old chunks do not pile up.
  fs.rmSync(path.join(root, outdir), { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: { main: 'src/main.ts', server: 'src/server.ts' },
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    legalComments: 'none',
    logLevel: quiet ? 'error' : 'warning',
    plugins: [externalPackages],
  });
  if (!quiet) console.log(`server built into ${path.relative(process.cwd(), path.join(root, outdir))} in ${Date.now() - started} ms`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await buildServer();
