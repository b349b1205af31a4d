import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, expectErrorBody, issuePaths } from '../factories.ts';
import { type Client, makeStore, newTenant, type TestApp, testApp, userIn } from '../helpers.ts';

/** Knowledge base (SVC-5): category tree, Markdown articles with versions in the audit trail, permissions. */
let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.app.close();
});

async function category(c: Client, body: Record<string, unknown>) {
  const res = await c.post('/api/v1/knowledge/categories', body);
  if (res.statusCode !== 201) throw new Error(`category: ${res.statusCode} ${res.body}`);
  return res.json() as { id: string; parentId: string | null; name: string };
}

async function article(c: Client, body: Record<string, unknown>) {
  const res = await c.post('/api/v1/knowledge/articles', body);
  if (res.statusCode !== 201) throw new Error(`article: ${res.statusCode} ${res.body}`);
  return res.json() as { id: string; version: number; [k: string]: unknown };
}

describe('categories', () => {
  it('builds a tree, counts articles, refuses duplicates, cycles and deleting a category in use', async () => {
    const a = await newTenant(t);
    const care = await category(a.admin, { name: '保养' });
    const sofa = await category(a.admin, { name: '沙发保养', parentId: care.id });
    const leather = await category(a.admin, { name: '真皮', parentId: sofa.id, position: 2 });
    await article(a.admin, { title: '真皮护理', categoryId: leather.id });

    const list = (await a.admin.get('/api/v1/knowledge/categories')).json().items as { id: string; parentId: string | null; articleCount: number }[];
    expect(list.map((c) => [c.id, c.parentId, c.articleCount])).toEqual(
      expect.arrayContaining([[care.id, null, 0], [sofa.id, care.id, 0], [leather.id, sofa.id, 1]]),
    );

    const dup = await a.admin.post('/api/v1/knowledge/categories', { name: '沙发保养', parentId: care.id });
    expectErrorBody(dup, 409, 'conflict');
    expect(issuePaths(dup)).toEqual(['body.name']);
    // The same name elsewhere in the tree is fine.
    await category(a.admin, { name: '沙发保养' });

    const cycle = await a.admin.patch(`/api/v1/knowledge/categories/${care.id}`, { parentId: leather.id });
    expectErrorBody(cycle, 422, 'validation_failed');
    expect(issuePaths(cycle)).toEqual(['body.parentId']);
    expect(issuePaths(await a.admin.patch(`/api/v1/knowledge/categories/${care.id}`, { parentId: '00000000-0000-4000-8000-000000000000' }))).toEqual(['body.parentId']);

    const moved = await a.admin.patch(`/api/v1/knowledge/categories/${leather.id}`, { parentId: care.id, name: '皮革' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ parentId: care.id, name: '皮革', articleCount: 1 });

    expectErrorBody(await a.admin.delete(`/api/v1/knowledge/categories/${care.id}`), 409, 'conflict');
    expectErrorBody(await a.admin.delete(`/api/v1/knowledge/categories/${leather.id}`), 409, 'conflict');
    expect((await a.admin.delete(`/api/v1/knowledge/categories/${sofa.id}`)).statusCode).toBe(200);
    const actions = await t.deps.db.pool.query("SELECT action FROM audit_log WHERE tenant_id = $1 AND entity_type = 'knowledgeCategory' ORDER BY id", [a.tenant.id]);
    expect(actions.rows.map((r) => r.action)).toEqual(['knowledgeCategory.created', 'knowledgeCategory.created', 'knowledgeCategory.created', 'knowledgeCategory.created', 'knowledgeCategory.updated', 'knowledgeCategory.deleted']);
  });

  it('nests at most five levels', async () => {
    const a = await newTenant(t);
    let parentId: string | null = null;
    for (let i = 1; i <= 5; i++) parentId = (await category(a.admin, { name: `第${i}层`, parentId })).id;
    const res = await a.admin.post('/api/v1/knowledge/categories', { name: '第6层', parentId });
    expectErrorBody(res, 422, 'validation_failed');
    expect(res.json().error.issues[0]).toMatchObject({ path: 'body.parentId', code: 'too_deep' });
  });
});

describe('articles', () => {
  it('creates, reads, changes and deletes an article; every version stays in the audit trail', async () => {
    const a = await newTenant(t);
    const cat = await category(a.admin, { name: '售后政策' });
    const productCategoryId = crypto.randomUUID();
    const created = await article(a.admin, {
      categoryId: cat.id,
      title: '  退换货政策  ',
      summary: '七天无理由退换',
      body: '# 退换货\n\n- 七天内\n- **保持原包装**',
      tags: ['退货', '换货', '退货'],
      productCategoryIds: [productCategoryId],
    });
    expect(created).toMatchObject({ title: '退换货政策', status: 'draft', visibility: 'internal', version: 1, publishedAt: null, tags: ['退货', '换货'], productCategoryIds: [productCategoryId], createdByName: '管理员' });
    const got = await a.admin.get(`/api/v1/knowledge/articles/${created.id}`);
    expect(got.json().body).toBe('# 退换货\n\n- 七天内\n- **保持原包装**');

    const v2 = await a.admin.patch(`/api/v1/knowledge/articles/${created.id}`, { body: '# 退换货\n\n- 十五天内', status: 'published', expectedVersion: 1 });
    expect(v2.statusCode, v2.body).toBe(200);
    expect(v2.json()).toMatchObject({ version: 2, status: 'published' });
    expect(v2.json().publishedAt).toBe(t.clock.now().toISOString());

    // Saving the same content again is not a new version.
    const same = await a.admin.patch(`/api/v1/knowledge/articles/${created.id}`, { body: '# 退换货\n\n- 十五天内' });
    expect(same.json().version).toBe(2);

    // An editor who started from version 1 does not overwrite version 2.
    const stale = await a.admin.patch(`/api/v1/knowledge/articles/${created.id}`, { title: '旧稿', expectedVersion: 1 });
    expectErrorBody(stale, 409, 'conflict');
    expect(stale.json().error.params).toMatchObject({ currentVersion: 2 });

    const history = (await a.admin.get(`/api/v1/knowledge/articles/${created.id}/history`)).json().items;
    expect(history.map((h: { action: string; meta: { version: number } }) => [h.action, h.meta.version])).toEqual([
      ['knowledgeArticle.updated', 2],
      ['knowledgeArticle.created', 1],
    ]);
    const bodyChange = history[0].changes.find((c: { field: string }) => c.field === 'body');
    expect(bodyChange).toEqual({ field: 'body', before: '# 退换货\n\n- 七天内\n- **保持原包装**', after: '# 退换货\n\n- 十五天内' });
    // Search columns are not in the trail.
    expect(JSON.stringify(history)).not.toContain('grams');

    expect((await a.admin.delete(`/api/v1/knowledge/articles/${created.id}`)).statusCode).toBe(200);
    expectErrorBody(await a.admin.get(`/api/v1/knowledge/articles/${created.id}`), 404, 'not_found');
    expect(await countRows(t, 'knowledge_article_search', a.tenant.id)).toBe(0);
    const deleted = await t.deps.db.pool.query("SELECT changes FROM audit_log WHERE tenant_id = $1 AND action = 'knowledgeArticle.deleted'", [a.tenant.id]);
    expect(deleted.rows[0].changes.find((c: { field: string }) => c.field === 'body').before).toBe('# 退换货\n\n- 十五天内');
  });

  it('lists by category (with sub-categories), status, visibility and tag in keyset pages', async () => {
    const a = await newTenant(t);
    const parent = await category(a.admin, { name: '产品' });
    const child = await category(a.admin, { name: '床垫', parentId: parent.id });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push((await article(a.admin, { title: `文章${i}`, categoryId: i < 3 ? child.id : parent.id, tags: i % 2 ? ['热门'] : [], status: i === 4 ? 'published' : 'draft', visibility: i === 4 ? 'public' : 'internal' })).id);
      t.clock.advance(1000);
    }
    const page1 = (await a.admin.get('/api/v1/knowledge/articles?limit=2')).json();
    expect(page1.items.map((x: { id: string }) => x.id)).toEqual([ids[4], ids[3]]);
    const page2 = (await a.admin.get(`/api/v1/knowledge/articles?limit=2&cursor=${page1.nextCursor}`)).json();
    expect(page2.items.map((x: { id: string }) => x.id)).toEqual([ids[2], ids[1]]);
    const page3 = (await a.admin.get(`/api/v1/knowledge/articles?limit=2&cursor=${page2.nextCursor}`)).json();
    expect(page3.items.map((x: { id: string }) => x.id)).toEqual([ids[0]]);
    expect(page3.nextCursor).toBeNull();

    const list = async (q: string) => (await a.admin.get(`/api/v1/knowledge/articles?${q}`)).json().items.map((x: { id: string }) => x.id).sort();
    expect(await list(`categoryId=${parent.id}`)).toEqual([ids[3], ids[4]].sort());
    expect(await list(`categoryId=${parent.id}&includeSubcategories=true`)).toEqual([...ids].sort());
    expect(await list('status=published')).toEqual([ids[4]]);
    expect(await list('visibility=internal')).toHaveLength(4);
    expect(await list(`tag=${encodeURIComponent('热门')}`)).toEqual([ids[1], ids[3]].sort());
  });

  it('refuses bad input with field paths', async () => {
    const a = await newTenant(t);
    const bad = await a.admin.post('/api/v1/knowledge/articles', { title: '', tags: Array(21).fill('x'), status: 'archived', categoryId: 'nope' });
    expectErrorBody(bad, 422, 'validation_failed');
    expect(issuePaths(bad).sort()).toEqual(['body.categoryId', 'body.status', 'body.tags', 'body.title']);
    const unknownCat = await a.admin.post('/api/v1/knowledge/articles', { title: '标题', categoryId: '00000000-0000-4000-8000-000000000000' });
    expectErrorBody(unknownCat, 422, 'validation_failed');
    expect(issuePaths(unknownCat)).toEqual(['body.categoryId']);
    expect(issuePaths(await a.admin.post('/api/v1/knowledge/articles', { title: '标题', body: 'x'.repeat(50_001) }))).toEqual(['body.body']);
    expect(issuePaths(await a.admin.post('/api/v1/knowledge/articles', { title: '隐藏\u202e字符' }))).toEqual(['body.title']);
    const art = await article(a.admin, { title: '标题' });
    expect(issuePaths(await a.admin.patch(`/api/v1/knowledge/articles/${art.id}`, { color: 'red' }))).toEqual(['body']);
    expect(issuePaths(await a.admin.get('/api/v1/knowledge/articles?cursor=zzz'))).toEqual(['query.cursor']);
    expectErrorBody(await a.admin.get('/api/v1/knowledge/articles/not-a-uuid'), 422, 'validation_failed');
    expectErrorBody(await a.admin.get('/api/v1/knowledge/suggest'), 422, 'validation_failed');
    expect(await countRows(t, 'knowledge_articles', a.tenant.id)).toBe(1);
  });

  it('lets readers read and only editors write (knowledge:view / knowledge:edit)', async () => {
    const a = await newTenant(t);
    const store = await makeStore(a.admin, a.hq.id);
    const art = await article(a.admin, { title: '门店接待话术' });
    const guide = (await userIn(t, a.admin, a.code, store.id, '导购')).client;
    expect((await guide.get('/api/v1/knowledge/articles')).statusCode).toBe(200);
    expect((await guide.get(`/api/v1/knowledge/articles/${art.id}`)).statusCode).toBe(200);
    expectErrorBody(await guide.post('/api/v1/knowledge/articles', { title: '新文章' }), 403, 'forbidden');
    expectErrorBody(await guide.patch(`/api/v1/knowledge/articles/${art.id}`, { title: '改' }), 403, 'forbidden');
    expectErrorBody(await guide.delete(`/api/v1/knowledge/articles/${art.id}`), 403, 'forbidden');
    expectErrorBody(await guide.post('/api/v1/knowledge/categories', { name: '分类' }), 403, 'forbidden');
    const roles = (await a.admin.get('/api/v1/roles')).json().items as { id: string; name: string }[];
    const res = await a.admin.post('/api/v1/roles', { name: '无知识库', permissions: ['customers:view'], dataScope: 'tenant', fieldRules: {} });
    const none = (await userIn(t, a.admin, a.code, store.id, '无知识库', [...roles, res.json()])).client;
    expectErrorBody(await none.get('/api/v1/knowledge/articles'), 403, 'forbidden');
    expectErrorBody(await none.get('/api/v1/knowledge/suggest?text=沙发'), 403, 'forbidden');
  });

  it('keeps tenants apart: another tenant neither reaches nor finds an article', async () => {
    const a = await newTenant(t);
    const b = await newTenant(t);
    const art = await article(a.admin, { title: '甲品牌独家工艺', status: 'published', visibility: 'public' });
    expectErrorBody(await b.admin.get(`/api/v1/knowledge/articles/${art.id}`), 404, 'not_found');
    expectErrorBody(await b.admin.patch(`/api/v1/knowledge/articles/${art.id}`, { title: '乙' }), 404, 'not_found');
    expect((await b.admin.get(`/api/v1/knowledge/articles?q=${encodeURIComponent('独家工艺')}`)).json().items).toEqual([]);
    expect((await b.admin.get(`/api/v1/knowledge/suggest?text=${encodeURIComponent('甲品牌独家工艺是什么')}`)).json().items).toEqual([]);
    expect((await a.admin.get(`/api/v1/knowledge/articles/${art.id}`)).json().title).toBe('甲品牌独家工艺');
  });
});
