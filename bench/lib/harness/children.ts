import fs from 'node:fs';
import path from 'node:path';
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../..');

/** A server in a child process of its own (its own event loop and heap, so its RSS is its own). */
export interface ChildServer {
  name: string;
  port: number;
  pid: number;
  /** Resident set size now, in MiB (from /proc; the child's own report elsewhere). */
  rssMb(): Promise<number>;
  call(msg: Record<string, unknown>): Promise<Record<string, unknown>>;
  stop(): Promise<void>;
}

/** Start `entry` (a file of this folder; a .ts one through tsx); it answers `{ type: 'ready', port }` over IPC. */
export async function startChild(name: string, entry: string, env: Record<string, string>): Promise<ChildServer> {
  const child: ChildProcess = fork(path.join(here, entry), [], {
    cwd: repoRoot,
    // BENCH_CPU_PROFILE=<dir>: the product child writes a V8 CPU profile there when it stops (open it in Chrome DevTools).
    execArgv: [
      ...(entry.endsWith('.ts') ? ['--import', 'tsx'] : []),
      '--expose-gc',
      ...(name === 'product' && process.env.BENCH_CPU_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`] : []),
    ],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let seq = 0;
  const pending = new Map<number, (m: Record<string, unknown>) => void>();
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start within 60 s`)), 60_000);
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${name} exited during start-up (code ${code})`)));
    child.on('message', (m: Record<string, unknown>) => {
      if (m.type === 'ready') {
        clearTimeout(timer);
        resolve(m.port as number);
      } else if (typeof m.reply === 'number') {
        pending.get(m.reply)?.(m);
        pending.delete(m.reply);
      }
    });
  });
  child.removeAllListeners('exit');
  const call = (msg: Record<string, unknown>) =>
    new Promise<Record<string, unknown>>((resolve) => {
      const id = ++seq;
      pending.set(id, resolve);
      child.send({ ...msg, id });
    });
  return {
    name,
    port,
    pid: child.pid!,
    async rssMb() {
      try {
        const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const kb = /VmRSS:\s+(\d+)/.exec(status);
        if (kb) return Number(kb[1]) / 1024;
      } catch {}
      const m = await call({ type: 'rss' });
      return (m.rss as number) / 1024 / 1024;
    },
    call,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.send({ type: 'stop' });
      }),
  };
}

/** Largest RSS seen while `work` runs, sampled every 100 ms. */
export async function peakRss<T>(server: ChildServer, work: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
  let peak = await server.rssMb();
  let on = true;
  const sampler = (async () => {
    while (on) {
      await new Promise((r) => setTimeout(r, 100));
      peak = Math.max(peak, await server.rssMb());
    }
  })();
  try {
    const result = await work();
    return { result, peakMb: peak };
  } finally {
    on = false;
    await sampler;
  }
}
