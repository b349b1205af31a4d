import { type Built, type Factory, once, type World } from './world.ts';

/** Records of the leads module for the generated isolation walker. */

async function ok(res: Promise<{ statusCode: number; body: string; json(): unknown }>, status: number) {
  const r = await res;
  if (r.statusCode !== status) throw new Error(`expected ${status}, got ${r.statusCode} ${r.body}`);
  return r.json() as { id: string; key?: string };
}

/** A lead of store A assigned to tenant A's administrator (so unassigning, closing or converting it would be a change). */
function leadOf(w: World): Promise<Built> {
  return once(w, 'lead', async () => {
    const me = (await w.a.admin.get('/api/v1/auth/me')).json() as { user: { id: string } };
    const l = await ok(
      w.a.admin.post('/api/v1/leads', {
        name: '隔离线索', phones: ['13912345678'], source: 'website', storeId: w.storeA.id, assigneeId: me.user.id,
        needs: { rooms: ['livingRoom'], styles: ['nordic'] },
      }),
      201,
    );
    return { params: { id: l.id }, rows: [['leads', l.id]] };
  });
}

export const FACTORIES: Factory[] = [
  {
    name: 'lead',
    match: /^\/api\/v1\/leads\/:id(\/|$)/,
    customerOwned: true,
    build: leadOf,
  },
  {
    name: 'lead assignment rule',
    match: /^\/api\/v1\/lead-assignment-rules\/:id$/,
    customerOwned: false,
    build: (w) =>
      once(w, 'leadAssignmentRule', async () => {
        const r = await ok(w.a.admin.post('/api/v1/lead-assignment-rules', { name: '按区域分配', strategy: 'store_by_region', sources: ['website'] }), 201);
        return { params: { id: r.id }, rows: [['lead_assignment_rules', r.id]] };
      }),
  },
  {
    name: 'lead web form',
    match: /^\/api\/v1\/lead-forms\/:id(\/|$)/,
    customerOwned: false,
    build: (w) =>
      once(w, 'leadForm', async () => {
        const f = await ok(w.a.admin.post('/api/v1/lead-forms', { name: '官网表单', defaultStoreId: w.storeA.id }), 201);
        return { params: { id: f.id }, rows: [['lead_forms', f.id]] };
      }),
  },
];

/** Sample bodies that would make a real change, keyed "METHOD /registered/url". */
export const BODIES: Record<string, unknown> = {
  'PATCH /api/v1/leads/:id': { name: '越权改名', notes: '越权修改', needs: { budgetBand: 'over500k' } },
  'POST /api/v1/leads/:id/assign': { assigneeId: null, reason: '越权退回' },
  'POST /api/v1/leads/:id/status': { status: 'lost', reason: '越权关闭' },
  'POST /api/v1/leads/:id/convert': { ignoreDuplicates: true, opportunity: { name: '越权商机', amountFen: 100 } },
  'PATCH /api/v1/lead-assignment-rules/:id': { name: '越权改名', enabled: false },
  'PATCH /api/v1/lead-forms/:id': { name: '越权改名', enabled: false },
};
