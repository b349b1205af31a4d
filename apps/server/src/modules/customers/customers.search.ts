import { pinyin } from 'pinyin-pro';

/** Pinyin full spelling and initials of a name, lowercase, no spaces: 张伟 → zhangwei / zw. Surnames read as surnames (曾 → zeng). */
export function namePinyin(name: string, kind: 'person' | 'company' = 'person'): { full: string; initials: string } {
  const opts = { toneType: 'none', type: 'array', v: true, nonZh: 'consecutive', surname: kind === 'person' ? 'head' : 'off' } as const;
  const syllables = pinyin(name, opts) as string[];
  const clean = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  const parts = syllables.map(clean).filter(Boolean);
  return { full: parts.join(''), initials: parts.map((p) => p[0]).join('') };
}

/** Characters of a name for the 1-/2-gram index: lowercase, without spaces and punctuation. */
function chars(s: string): string[] {
  return [...s.normalize('NFKC').toLowerCase()].filter((c) => /[\p{L}\p{N}]/u.test(c));
}

/** Every 1- and 2-character substring of a name: the index that serves 1- and 2-character Chinese searches. */
export function nameGrams(name: string): string[] {
  const c = chars(name);
  const grams = new Set<string>(c);
  for (let i = 0; i + 1 < c.length; i++) grams.add(c[i] + c[i + 1]);
  return [...grams];
}

/** The grams a search term must all contain (bigrams, or the one character). */
export function queryGrams(q: string): string[] {
  const c = chars(q);
  if (c.length <= 1) return c;
  const out = new Set<string>();
  for (let i = 0; i + 1 < c.length; i++) out.add(c[i] + c[i + 1]);
  return [...out];
}

export type SearchKind = { kind: 'phone'; digits: string } | { kind: 'pinyin'; term: string } | { kind: 'text'; term: string; grams: string[] } | { kind: 'code'; code: string };

export function classifyQuery(raw: string, phoneDigits: (q: string) => string | null): SearchKind | null {
  const q = raw.trim();
  if (!q) return null;
  const digits = phoneDigits(q);
  if (digits) return { kind: 'phone', digits };
  if (/^C\d{6,}$/i.test(q)) return { kind: 'code', code: q.toUpperCase() };
  if (/^[a-z\s']+$/i.test(q)) return { kind: 'pinyin', term: q.toLowerCase().replace(/[\s']/g, '') };
  return { kind: 'text', term: q.normalize('NFKC'), grams: queryGrams(q) };
}
