/**
 * Start the built server (dist/main.mjs, as `npm start` runs it after building) in a child process and wait until it
 * says where it listens. Used by the build test and the benchmark's cold start (P12).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** @returns {Promise<{ url: string; pid: number; stop(): Promise<void> }>} */
export async function startBuilt({ outdir = 'dist', env = {}, timeoutMs = 60_000 } = {}) {
  const child = spawn(process.execPath, [path.join(outdir, 'main.mjs')], {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', SEED_DEMO: 'never', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  let output = '';
  try {
    const url = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the built server did not start within ${timeoutMs} ms:\n${output}`)), timeoutMs);
      const onData = (chunk) => {
        output += chunk.toString();
        const m = /running at (http:\/\/\S+)/.exec(output);
        if (m) {
          clearTimeout(timer);
          resolve(m[1].replace('//localhost:', '//127.0.0.1:'));
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`the built server exited with ${code}:\n${output}`));
      });
    });
    return {
      url,
      pid: child.pid,
      async stop() {
        if (child.exitCode === null) child.kill('SIGTERM');
        await exited;
      },
    };
  } catch (err) {
    if (child.exitCode === null) child.kill('SIGKILL');
    throw err;
  }
}
