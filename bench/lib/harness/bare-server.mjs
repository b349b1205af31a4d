/**
 * Child process: the baseline. Bare Fastify (no plugins, no schemas) and node-postgres, with routes that run given
 * SQL statements — the statements the product was seen to run for a request — and send their rows as JSON. Plain
 * JavaScript, like the product's child, so neither carries a TypeScript loader.
 */
import Fastify from 'fastify';
import pg from 'pg';

/** @typedef {{ name?: string; text: string; values: unknown[] }} Statement */
const pool = new pg.Pool({ connectionString: process.env.BENCH_DATABASE_URL, max: 20, application_name: 'jiake-bench-bare' });
pool.on('error', () => {});
/** @type {Map<string, Statement[]>} */
const recipes = new Map();
const app = Fastify({ logger: false });

app.get('/empty', async () => ({ ok: true }));
/** A recipe's statements in order; the answer is the rows of the last one, or of all but the first (identity) one. */
app.get('/r/:name', async (req, reply) => {
  const statements = recipes.get(req.params.name);
  if (!statements) return reply.code(404).send({ error: 'no such recipe' });
  const rows = [];
  for (const s of statements) rows.push((await pool.query({ name: s.name, text: s.text, values: s.values })).rows);
  return rows.length === 1 ? rows[0] : rows.length === 2 ? rows[1] : rows.slice(1);
});

await app.listen({ port: 0, host: '127.0.0.1' });
process.on('message', async (m) => {
  if (m.type === 'recipes') {
    for (const [k, v] of Object.entries(m.recipes ?? {})) recipes.set(k, v);
    process.send({ reply: m.id, ok: true });
  }
  if (m.type === 'rss') process.send({ reply: m.id, ...process.memoryUsage() });
  if (m.type === 'gc') {
    globalThis.gc?.();
    process.send({ reply: m.id, ...process.memoryUsage() });
  }
  if (m.type === 'stop') {
    await app.close();
    await pool.end();
    process.exit(0);
  }
});
process.on('disconnect', () => process.exit(0));
const addr = app.server.address();
process.send({ type: 'ready', port: typeof addr === 'object' && addr ? addr.port : 0 });
