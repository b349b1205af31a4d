import type { DbOrTx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { normalisePhone } from '../../platform/phone.ts';
import * as repo from './customers.repository.ts';

export interface DuplicateHit {
  /** Null when the existing customer is outside the caller's scope: its existence is told, not its identity. */
  customerId: string | null;
  name: string | null;
  reason: 'samePhone' | 'sameNameSimilarPhone';
}

/** Edit distance ≤ 1 between two digit strings of equal length, or one digit added/dropped. */
export function similarDigits(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  if (a.length === b.length) {
    let diff = 0;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && ++diff > 1) return false;
    if (diff === 1) return true;
    // one adjacent transposition
    for (let i = 0; i + 1 < a.length; i++) if (a[i] !== b[i]) return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
    return false;
  }
  const [s, l] = a.length < b.length ? [a, b] : [b, a];
  for (let i = 0; i < l.length; i++) if (l.slice(0, i) + l.slice(i + 1) === s) return true;
  return false;
}

function digitsOf(e164: string) {
  return normalisePhone(e164)?.digits ?? e164.replace(/\D/g, '');
}

/** Likely duplicates of a new or changed customer (CUS-6): same phone, or same name with a similar phone. */
export async function findDuplicatesFor(
  ctx: Ctx,
  tx: DbOrTx,
  c: { name: string; e164s: string[]; excludeId?: string },
): Promise<DuplicateHit[]> {
  const hits = new Map<string, DuplicateHit['reason']>();
  for (const r of await repo.customersWithPhones(tx, ctx.tenantId, c.e164s, c.excludeId)) hits.set(r.id, 'samePhone');
  if (c.e164s.length) {
    const mine = c.e164s.map(digitsOf);
    for (const r of await repo.customersWithName(tx, ctx.tenantId, c.name, c.excludeId)) {
      if (hits.has(r.id)) continue;
      if (r.phones.some((p) => mine.some((m) => similarDigits(m, digitsOf(p))))) hits.set(r.id, 'sameNameSimilarPhone');
    }
  }
  if (!hits.size) return [];
  const visible = new Set<string>();
  for (const id of hits.keys()) if (await repo.findVisible(ctx, tx, id)) visible.add(id);
  const names = new Map((await repo.customersWithName(tx, ctx.tenantId, c.name)).map((r) => [r.id, r.name]));
  const out: DuplicateHit[] = [];
  for (const [id, reason] of hits) {
    out.push(visible.has(id) ? { customerId: id, name: names.get(id) ?? (await repo.findVisible(ctx, tx, id))?.name ?? null, reason } : { customerId: null, name: null, reason });
  }
  return out.slice(0, 20);
}
