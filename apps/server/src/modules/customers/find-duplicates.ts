import type { Ctx } from '../../platform/http/context.ts';
import { invalid, issue } from '../../platform/http/errors.ts';
import { toVisibleCustomers, type CustomerRowWithNames } from './customers.dto.ts';
import { duplicateGroupKeys, visibleByIds, type GroupKeyRow } from './dedupe.repository.ts';
import { similarPhones } from './duplicates.ts';

type Reason = 'samePhone' | 'sameNameSimilarPhone' | 'sameName';
/** Candidate groups read per round, and rounds per page: a page of sparse name groups stays bounded. */
const ROUNDS = 5;

/**
 * What a same-name group is worth showing: the members with a near-identical (not identical: that is a phone group)
 * phone, or else the whole group when one member has no phone to tell them apart; otherwise nothing.
 */
export function classifyNameGroup(members: Pick<CustomerRowWithNames, 'id' | 'phones'>[]): { reason: Reason; ids: string[] } | null {
  const similar = new Set<string>();
  for (let i = 0; i < members.length; i++)
    for (let j = i + 1; j < members.length; j++)
      if (similarPhones(members[i].phones, members[j].phones, true)) similar.add(members[i].id).add(members[j].id);
  if (similar.size) return { reason: 'sameNameSimilarPhone', ids: members.filter((m) => similar.has(m.id)).map((m) => m.id) };
  if (members.some((m) => m.phones.length === 0)) return { reason: 'sameName', ids: members.map((m) => m.id) };
  return null;
}

const encode = (key: string) => Buffer.from(key).toString('base64url');
function decode(cursor: string | undefined): string {
  if (!cursor) return '';
  const key = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^[np]:[0-9a-f-]{36}$/.test(key)) throw invalid([issue('query.cursor', 'invalid_cursor', 'invalid cursor')]);
  return key;
}

/**
 * The duplicate finder (CUS-6): groups of live customers in the caller's scope that share a phone, or share a name
 * with similar phones, keyset-paged by an opaque group key. Group sizes are capped at GROUP_CAP customers.
 */
export async function findDuplicateGroups(ctx: Ctx, q: { limit: number; cursor?: string }) {
  let after = decode(q.cursor);
  const items: { key: string; reason: Reason; customers: ReturnType<typeof toVisibleCustomers> }[] = [];
  for (let round = 0; round < ROUNDS && items.length < q.limit; round++) {
    const want = q.limit - items.length;
    const groups = await duplicateGroupKeys(ctx, after, want + 1);
    const page = groups.slice(0, want);
    items.push(...(await resolveGroups(ctx, page)));
    if (groups.length <= want) return { items, nextCursor: null };
    after = page[page.length - 1].key;
  }
  return { items, nextCursor: encode(after) };
}

/** Load every customer of a page of groups in one query, then decide each group's reason and members. */
async function resolveGroups(ctx: Ctx, groups: GroupKeyRow[]) {
  const rows = await visibleByIds(ctx, [...new Set(groups.flatMap((g) => g.ids))]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const out = [];
  for (const g of groups) {
    const members = g.ids.flatMap((id) => byId.get(id) ?? []);
    const picked = g.kind === 'phone' ? { reason: 'samePhone' as const, ids: members.map((m) => m.id) } : classifyNameGroup(members);
    if (!picked || picked.ids.length < 2) continue;
    const chosen = members.filter((m) => picked.ids.includes(m.id));
    out.push({ key: encode(g.key), reason: picked.reason, customers: toVisibleCustomers(ctx, chosen) });
  }
  return out;
}
