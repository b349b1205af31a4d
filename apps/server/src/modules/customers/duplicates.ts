import type { DbOrTx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { normalisePhone } from '../../platform/phone.ts';
import { duplicateCandidates } from './dedupe.repository.ts';

export interface DuplicateHit {
  /** Null when the existing customer is outside the caller's scope: its existence is told, not its identity. */
  customerId: string | null;
  name: string | null;
  reason: 'samePhone' | 'sameNameSimilarPhone';
}

/** Edit distance ≤ 1 between two digit strings: one digit changed, added or dropped, or two neighbours swapped. */
export function similarDigits(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  if (a.length === b.length) {
    const at: number[] = [];
    for (let i = 0; i < a.length && at.length <= 2; i++) if (a[i] !== b[i]) at.push(i);
    if (at.length === 1) return true;
    // one adjacent transposition
    return at.length === 2 && at[1] === at[0] + 1 && a[at[0]] === b[at[1]] && a[at[1]] === b[at[0]];
  }
  const [s, l] = a.length < b.length ? [a, b] : [b, a];
  for (let i = 0; i < l.length; i++) if (l.slice(0, i) + l.slice(i + 1) === s) return true;
  return false;
}

export function digitsOf(e164: string) {
  return normalisePhone(e164)?.digits ?? e164.replace(/\D/g, '');
}

/** Whether two lists of E.164 numbers hold a pair that is similar (distance ≤ 1); `strict` leaves identical pairs out. */
export function similarPhones(a: string[], b: string[], strict = false): boolean {
  const bd = b.map(digitsOf);
  return a.map(digitsOf).some((x) => bd.some((y) => (!strict || x !== y) && similarDigits(x, y)));
}

/**
 * Likely duplicates of a new or changed customer (CUS-6): same phone (own or a contact's), or same name with a
 * similar phone. One query; customers out of the caller's scope are told without identity.
 */
export async function findDuplicatesFor(
  ctx: Ctx,
  tx: DbOrTx,
  c: { name: string; e164s: string[]; excludeId?: string },
): Promise<DuplicateHit[]> {
  const out: DuplicateHit[] = [];
  for (const r of await duplicateCandidates(ctx, tx, c)) {
    const reason = r.samePhone ? 'samePhone' : r.name === c.name && similarPhones(c.e164s, r.phones) ? 'sameNameSimilarPhone' : null;
    if (!reason) continue;
    out.push(r.visible ? { customerId: r.id, name: r.name, reason } : { customerId: null, name: null, reason });
  }
  return out.slice(0, 20);
}
