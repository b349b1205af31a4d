import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTenant, type TestApp, type TestTenant, testApp } from '../helpers.ts';

/** Fuzzy search of the knowledge base in Chinese and pinyin, suggestions for a request's text, public visibility. */
let t: TestApp;
let a: TestTenant;
const id: Record<string, string> = {};

beforeAll(async () => {
  t = await testApp();
  a = await newTenant(t);
  const articles: Record<string, Record<string, unknown>> = {
    leather: { title: '真皮沙发保养指南', summary: '皮面开裂、褪色怎么办', body: '每季度用专用护理剂擦拭一次，避免阳光直射。', tags: ['沙发', '真皮'], status: 'published', visibility: 'public' },
    mattress: { title: '床垫翻面与清洁', summary: '延长床垫寿命', body: '每三个月将床垫翻转一次。**不要**用水直接清洗。', tags: ['床垫'], status: 'published', visibility: 'public' },
    returns: { title: '退换货政策', summary: '七天无理由', body: '定制家具（如真皮沙发）不适用无理由退货。', tags: ['售后'], status: 'published', visibility: 'internal' },
    draft: { title: '实木餐桌保养（草稿）', summary: '实木怕潮', body: '实木餐桌要防潮。', tags: ['餐桌'], status: 'draft', visibility: 'public' },
    pu: { title: 'PU皮和真皮的区别', summary: '', body: 'PU leather is synthetic.', tags: [], status: 'published', visibility: 'public' },
  };
  for (const [k, body] of Object.entries(articles)) {
    const res = await a.admin.post('/api/v1/knowledge/articles', body);
    if (res.statusCode !== 201) throw new Error(res.body);
    id[k] = res.json().id;
    t.clock.advance(1000);
  }
});
afterAll(async () => {
  await t.app.close();
});

const search = async (q: string, extra = '') =>
  (await a.admin.get(`/api/v1/knowledge/articles?q=${encodeURIComponent(q)}${extra}`)).json().items.map((x: { id: string }) => x.id) as string[];
const publicSearch = async (q: string) =>
  (await t.app.inject({ method: 'GET', url: `/api/v1/public/${a.code}/articles?q=${encodeURIComponent(q)}` })).json().items.map((x: { id: string }) => x.id) as string[];

describe('search', () => {
  it('finds Chinese substrings of one, two and more characters, in the title, tags, summary and body', async () => {
    expect(await search('垫')).toEqual([id.mattress]);
    expect(await search('保养')).toEqual(expect.arrayContaining([id.leather, id.draft]));
    expect(await search('专用护理剂')).toEqual([id.leather]);
    expect(await search('无理由')).toEqual([id.returns]);
    expect(await search('褪色')).toEqual([id.leather]);
    expect(await search('沙发保养指')).toEqual([id.leather]);
    expect(await search('沙发指南')).toEqual([]);
  });

  it('ranks a title match above a body match', async () => {
    // "真皮沙发" is the leather guide's title and only in the returns policy's body.
    expect(await search('真皮沙发')).toEqual([id.leather, id.returns]);
  });

  it('finds by pinyin spelling and by initials, as typed in any case', async () => {
    expect(await search('baoyang')).toEqual(expect.arrayContaining([id.leather, id.draft]));
    expect(await search('chuangdian')).toEqual([id.mattress]);
    expect(await search('ZPSF')).toEqual([id.leather]);
    expect(await search('thh')).toEqual([id.returns]);
  });

  it('finds Latin words of the text and needs every term of a query', async () => {
    expect(await search('leather')).toEqual([id.pu]);
    expect(await search('PU')).toEqual([id.pu]);
    expect(await search('真皮 褪色')).toEqual([id.leather]);
    expect(await search('真皮 床垫')).toEqual([]);
    expect(await search('％垫')).toEqual([]);
  });

  it('combines the search with filters', async () => {
    expect(await search('保养', '&status=published')).toEqual([id.leather]);
    expect(await search('真皮', '&visibility=internal')).toEqual([id.returns]);
  });
});

describe('suggestions beside a request', () => {
  it('answers the published articles closest to a request text, best first', async () => {
    const text = '我家去年买的真皮沙发，最近皮面开裂了，请问怎么保养？';
    const res = await a.admin.get(`/api/v1/knowledge/suggest?text=${encodeURIComponent(text)}`);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as { id: string; score: number }[];
    expect(items[0].id).toBe(id.leather);
    expect(items.every((x) => x.score > 0)).toBe(true);
    expect(items.map((x) => x.id)).not.toContain(id.draft);
  });

  it('includes internal articles for staff, and suggests nothing for an unrelated text', async () => {
    const internal = await a.admin.get(`/api/v1/knowledge/suggest?text=${encodeURIComponent('顾客要求七天无理由退货')}`);
    expect(internal.json().items.map((x: { id: string }) => x.id)).toContain(id.returns);
    expect((await a.admin.get(`/api/v1/knowledge/suggest?text=${encodeURIComponent('你好，谢谢')}`)).json().items).toEqual([]);
  });

  it('prefers articles about the request’s product category', async () => {
    const productCategoryId = crypto.randomUUID();
    const res = await a.admin.post('/api/v1/knowledge/articles', {
      title: '布艺沙发清洁', summary: '沙发污渍处理', tags: ['沙发'], status: 'published', visibility: 'internal', productCategoryIds: [productCategoryId],
    });
    const fabric = res.json().id;
    const text = '沙发上有污渍';
    const plain = (await a.admin.get(`/api/v1/knowledge/suggest?text=${encodeURIComponent(text)}`)).json().items;
    const boosted = (await a.admin.get(`/api/v1/knowledge/suggest?text=${encodeURIComponent(text)}&productCategoryId=${productCategoryId}`)).json().items;
    expect(boosted[0].id).toBe(fabric);
    expect(boosted[0].score).toBe(plain.find((x: { id: string }) => x.id === fabric).score + 4);
  });
});

describe('public visibility', () => {
  it('shows only published public articles on the self-service page, never internal or draft ones', async () => {
    expect((await publicSearch('真皮')).sort()).toEqual([id.leather, id.pu].sort());
    expect(await publicSearch('无理由')).toEqual([]);
    expect(await publicSearch('实木')).toEqual([]);
    const list = (await t.app.inject({ method: 'GET', url: `/api/v1/public/${a.code}/articles` })).json().items.map((x: { id: string }) => x.id);
    expect(list.sort()).toEqual([id.leather, id.mattress, id.pu].sort());
    for (const hidden of [id.returns, id.draft]) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/public/${a.code}/articles/${hidden}` });
      expect(res.statusCode).toBe(404);
    }
    const one = (await t.app.inject({ method: 'GET', url: `/api/v1/public/${a.code}/articles/${id.leather}` })).json();
    expect(one).toMatchObject({ title: '真皮沙发保养指南', body: '每季度用专用护理剂擦拭一次，避免阳光直射。' });
    expect(Object.keys(one)).not.toContain('visibility');
    expect(Object.keys(one)).not.toContain('updatedByName');
    const suggest = (await t.app.inject({ method: 'GET', url: `/api/v1/public/${a.code}/articles/suggest?text=${encodeURIComponent('真皮沙发可以七天无理由退货吗')}` })).json().items;
    expect(suggest.map((x: { id: string }) => x.id)).not.toContain(id.returns);
  });

  it('takes an article off the public page when it is unpublished or made internal', async () => {
    const res = await a.admin.post('/api/v1/knowledge/articles', { title: '茶几选购', status: 'published', visibility: 'public' });
    const art = res.json().id;
    const get = () => t.app.inject({ method: 'GET', url: `/api/v1/public/${a.code}/articles/${art}` });
    expect((await get()).statusCode).toBe(200);
    await a.admin.patch(`/api/v1/knowledge/articles/${art}`, { visibility: 'internal' });
    expect((await get()).statusCode).toBe(404);
    await a.admin.patch(`/api/v1/knowledge/articles/${art}`, { visibility: 'public', status: 'draft' });
    expect((await get()).statusCode).toBe(404);
    expect((await a.admin.get(`/api/v1/knowledge/articles/${art}`)).json().publishedAt).toBeNull();
  });

  it('lists only the categories that hold public articles', async () => {
    const empty = (await a.admin.post('/api/v1/knowledge/categories', { name: '内部培训' })).json();
    const open = (await a.admin.post('/api/v1/knowledge/categories', { name: '常见问题' })).json();
    const sub = (await a.admin.post('/api/v1/knowledge/categories', { name: '配送', parentId: open.id })).json();
    await a.admin.post('/api/v1/knowledge/articles', { title: '培训手册', categoryId: empty.id, status: 'published', visibility: 'internal' });
    await a.admin.post('/api/v1/knowledge/articles', { title: '配送范围', categoryId: sub.id, status: 'published', visibility: 'public' });
    const cats = (await t.app.inject({ method: 'GET', url: `/api/v1/public/${a.code}/categories` })).json().items as { id: string; articleCount: number }[];
    expect(cats.map((c) => c.id).sort()).toEqual([open.id, sub.id].sort());
    expect(cats.find((c) => c.id === sub.id)?.articleCount).toBe(1);
    const inOpen = (await t.app.inject({ method: 'GET', url: `/api/v1/public/${a.code}/articles?categoryId=${open.id}` })).json().items;
    expect(inOpen.map((x: { title: string }) => x.title)).toEqual(['配送范围']);
  });
});
