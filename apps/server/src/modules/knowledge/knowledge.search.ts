import { nameGrams, namePinyin, queryGrams } from '../customers/index.ts';

/**
 * Chinese and pinyin search of articles, with the helpers of the customer name search (1-/2-character grams for
 * Chinese substrings of any length, pinyin-pro spelling and initials for Latin input).
 */

/** NFKC lower-case: full-width letters and digits fold to their ASCII forms. */
export const norm = (s: string) => s.normalize('NFKC').toLowerCase();

export interface ArticleText {
  title: string;
  summary: string;
  body: string;
  tags: string[];
}

/** The search columns of an article (knowledge_article_search). */
export function searchColumns(a: ArticleText) {
  const keyParts = [a.title, ...a.tags, a.summary];
  const spell = [a.title, ...a.tags].map((s) => namePinyin(s, 'company'));
  const titleGrams = new Set([a.title, ...a.tags].flatMap(nameGrams));
  return {
    titleText: norm(a.title),
    keyText: norm(keyParts.join('\n')),
    allText: norm([...keyParts, a.body].join('\n')),
    grams: [...new Set([...keyParts, a.body].flatMap(nameGrams))],
    keyGrams: [...new Set(keyParts.flatMap(nameGrams))],
    titleGrams: [...titleGrams],
    pinyin: spell.map((p) => p.full).join('|'),
    initials: spell.map((p) => p.initials).join('|'),
  };
}

export interface SearchTerm {
  /** As typed, normalised: matched as a substring of the texts. */
  text: string;
  /** Grams the text must contain (served by the GIN index). */
  grams: string[];
  /** Latin letters only: also matched against pinyin and initials. */
  latin: string | null;
}

const SEPARATORS = /[\s,，。.、;；:：!！?？"“”'‘’()（）[\]【】《》<>/\\|]+/u;

/** Terms of a query: split on spaces and punctuation, at most 5, each at most 50 characters. "沙发 保养" → two terms. */
export function searchTerms(q: string): SearchTerm[] {
  const seen = new Set<string>();
  const out: SearchTerm[] = [];
  for (const raw of norm(q).split(SEPARATORS)) {
    const text = raw.slice(0, 50);
    if (!text || seen.has(text)) continue;
    seen.add(text);
    out.push({ text, grams: queryGrams(text), latin: /^[a-z]+$/.test(text) ? text : null });
    if (out.length === 5) break;
  }
  return out;
}

/** Bigrams everyday request texts share with everything; they say nothing about the topic. */
const STOP_GRAMS = new Set([
  '我们', '你们', '他们', '我的', '你的', '我家', '一个', '一下', '什么', '怎么', '怎样', '如何', '可以', '能不', '不能',
  '没有', '有没', '是不', '不是', '这个', '那个', '请问', '你好', '您好', '谢谢', '麻烦', '已经', '现在', '时候', '还是',
  '就是', '但是', '因为', '所以', '如果', '需要', '希望', '问题', '一直', '了一', '的时', '时候', '了吗', '吗？',
]);

/**
 * The bigrams of a free text (a request's description) that can point to an article: Chinese and Latin/digit runs,
 * without everyday bigrams, at most 300 (from the first 2,000 characters).
 */
export function suggestionGrams(text: string): string[] {
  const grams = new Set<string>();
  for (const run of norm(text.slice(0, 2000)).split(SEPARATORS)) {
    for (const g of queryGrams(run)) {
      if (g.length === 2 && !STOP_GRAMS.has(g)) grams.add(g);
      if (grams.size >= 300) return [...grams];
    }
  }
  return [...grams];
}

/** `%text%` for LIKE, with the pattern characters escaped. */
export const likeAnywhere = (s: string) => `%${s.replace(/[%_\\]/g, '\\$&')}%`;
