import { once, type Factory, type World } from './world.ts';

/** Records of the knowledge module for the generated isolation walker (tenant-wide records: no store scope). */

async function categoryOf(w: World) {
  return once(w, 'knowledgeCategory', async () => {
    const res = await w.a.admin.post('/api/v1/knowledge/categories', { name: '保养知识' });
    if (res.statusCode !== 201) throw new Error(`category create failed: ${res.statusCode} ${res.body}`);
    return { params: { id: res.json().id as string }, rows: [['knowledge_categories', res.json().id as string]] as [string, string][] };
  });
}

export const FACTORIES: Factory[] = [
  {
    name: 'knowledge category',
    match: /^\/api\/v1\/knowledge\/categories\/:id(\/|$)/,
    customerOwned: false,
    build: categoryOf,
  },
  {
    name: 'knowledge article',
    match: /^\/api\/v1\/knowledge\/articles\/:id(\/|$)/,
    customerOwned: false,
    build: (w) =>
      once(w, 'knowledgeArticle', async () => {
        const category = await categoryOf(w);
        const res = await w.a.admin.post('/api/v1/knowledge/articles', {
          categoryId: category.params.id,
          title: '真皮沙发保养指南',
          summary: '每季度护理一次',
          body: '# 保养\n\n用软布擦拭。',
          tags: ['沙发'],
          status: 'published',
          visibility: 'public',
        });
        if (res.statusCode !== 201) throw new Error(`article create failed: ${res.statusCode} ${res.body}`);
        return { params: { id: res.json().id as string }, rows: [...category.rows, ['knowledge_articles', res.json().id as string]] };
      }),
  },
];

/** Sample bodies that would make a real change, keyed "METHOD /registered/url". */
export const BODIES: Record<string, unknown> = {
  'PATCH /api/v1/knowledge/categories/:id': { name: '越权改名', position: 9 },
  'PATCH /api/v1/knowledge/articles/:id': { title: '越权改名', status: 'draft', visibility: 'internal' },
};
