import path from 'node:path';

/** All configuration comes from the environment. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  filesDir: string;
  databaseUrl: string | null;
  embeddedPort: number;
  seedDemo: 'auto' | 'force' | 'never';
  maxUploadBytes: number;
  sessionTtlHours: number;
  cookieSecure: boolean;
  smtp: { host: string; port: number; user?: string; pass?: string; from: string; secure: boolean } | null;
  logLevel: string;
  /**
   * Also encode every answer with zod and compare it with the compiled serializer's (a 500 on a difference or on an
   * answer its schema does not allow). CHECK_RESPONSES=true|false; on when the server runs from its sources (tests,
   * `npm run dev`), off in the built server that `npm start` runs.
   */
  checkResponses: boolean;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.DATA_DIR ?? './data');
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    dataDir,
    filesDir: path.resolve(env.FILES_DIR ?? path.join(dataDir, 'files')),
    databaseUrl: env.DATABASE_URL || null,
    embeddedPort: Number(env.EMBEDDED_PG_PORT ?? 54329),
    seedDemo: env.SEED_DEMO === 'force' ? 'force' : env.SEED_DEMO === 'never' ? 'never' : 'auto',
    maxUploadBytes: Number(env.MAX_UPLOAD_MB ?? 20) * 1024 * 1024,
    sessionTtlHours: Number(env.SESSION_TTL_HOURS ?? 12),
    cookieSecure: env.COOKIE_SECURE === 'true',
    smtp: env.SMTP_HOST
      ? {
          host: env.SMTP_HOST,
          port: Number(env.SMTP_PORT ?? 587),
          user: env.SMTP_USER,
          pass: env.SMTP_PASS,
          from: env.SMTP_FROM ?? 'jiake@localhost',
          secure: env.SMTP_SECURE === 'true',
        }
      : null,
    logLevel: env.LOG_LEVEL ?? 'info',
    checkResponses: (env.CHECK_RESPONSES ?? (process.env.JIAKE_BUILD === 'bundle' ? 'false' : 'true')) === 'true',
  };
}
