import { createHash } from 'node:crypto';
import type { Tx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { AppError, invalid, issue } from '../../platform/http/errors.ts';
import * as repo from './idempotency.repository.ts';

/**
 * API idempotency for point-moving requests (LOY-8): with an `Idempotency-Key` header, the first request's result is
 * kept with a hash of who asked, what and with which body; a replay with the same key and the same request answers
 * that result (same status and body) without doing anything again; the same key with anything else is a 409
 * `idempotency_key_reused`. The key is written in the transaction of the effect: a request that fails keeps no key.
 * Without the header the request simply runs.
 */

export interface Outcome<T> {
  status: number;
  body: T;
  replayed: boolean;
}

const KEY = /^[\x21-\x7e]{8,200}$/;

/** The HTTP side of an outcome: a replay answers what the first request answered (status and body), marked as such. */
export function sendOutcome<T, R>(reply: { header(name: string, value: string): unknown; status(code: number): { send(body: T): R } }, out: Outcome<T>): R {
  if (out.replayed) reply.header('idempotent-replayed', 'true');
  return reply.status(out.status).send(out.body);
}

export async function idempotent<T>(ctx: Ctx, key: string | undefined, request: { route: string; body: unknown }, status: number, work: (tx: Tx) => Promise<T>): Promise<Outcome<T>> {
  if (key === undefined) return { status, body: await ctx.db.transaction(work), replayed: false };
  if (!KEY.test(key)) throw invalid([issue('headers.idempotency-key', 'invalid_key', '8 to 200 visible ASCII characters')]);
  const hash = createHash('sha256').update(JSON.stringify([ctx.actor.kind, ctx.actor.id, request.route, request.body])).digest('hex');
  return ctx.db.transaction(async (tx) => {
    if (!(await repo.claimKey(tx, ctx.tenantId, key, hash, ctx.now()))) {
      const prior = await repo.keyRow(tx, ctx.tenantId, key);
      if (!prior || prior.requestHash !== hash || prior.statusCode === null) {
        throw new AppError('conflict', 'this Idempotency-Key was used for another request', { params: { reason: 'idempotency_key_reused' } });
      }
      return { status: prior.statusCode, body: prior.response as T, replayed: true };
    }
    const body = await work(tx);
    await repo.saveResponse(tx, ctx.tenantId, key, status, body);
    return { status, body, replayed: false };
  });
}
