import os from 'node:os';
import { execFileSync } from 'node:child_process';
import pg from 'pg';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  postgres: string;
  pgSettings: Record<string, string>;
  commit: string;
  /** 1-minute load average when the run started: anything well above 0 means other work shared the CPUs. */
  loadAverage: number;
}

/** What the numbers were measured on. */
export async function describeMachine(url: string): Promise<Machine> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let postgres = '';
  const pgSettings: Record<string, string> = {};
  try {
    postgres = (await client.query('SHOW server_version')).rows[0].server_version;
    const res = await client.query(
      `SELECT name, setting, unit FROM pg_settings WHERE name IN ('shared_buffers', 'work_mem', 'effective_cache_size', 'max_connections', 'fsync', 'synchronous_commit', 'jit', 'random_page_cost', 'lc_ctype')`,
    );
    for (const r of res.rows) pgSettings[r.name] = formatSetting(r.setting, r.unit);
  } finally {
    await client.end();
  }
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { encoding: 'utf8' }).trim();
    if (dirty) commit += ' + uncommitted changes';
  } catch {}
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    postgres,
    pgSettings,
    commit,
    loadAverage: Math.round(os.loadavg()[0] * 100) / 100,
  };
}

function formatSetting(setting: string, unit: string | null): string {
  if (!unit) return setting;
  const units: Record<string, number> = { '8kB': 8192, kB: 1024, MB: 1024 ** 2 };
  const bytes = units[unit] ? Number(setting) * units[unit] : null;
  if (bytes === null) return `${setting} ${unit}`;
  return bytes >= 1024 ** 3 ? `${+(bytes / 1024 ** 3).toFixed(1)} GB` : bytes >= 1024 ** 2 ? `${+(bytes / 1024 ** 2).toFixed(1)} MB` : `${bytes / 1024} kB`;
}
