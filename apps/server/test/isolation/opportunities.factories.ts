import { type Built, customerOf, type Factory, once, type World } from './world.ts';

/** Records of the opportunities module for the generated isolation walker (issue 3). */

async function created(res: Promise<{ statusCode: number; body: string; json(): unknown }>) {
  const r = await res;
  if (r.statusCode !== 201) throw new Error(`expected 201, got ${r.statusCode} ${r.body}`);
  return r.json() as { id: string };
}

/** An opportunity of store A's customer, owned by tenant A's administrator (moving or deleting it would be a change). */
function opportunityOf(w: World): Promise<Built> {
  return once(w, 'opportunity', async () => {
    const c = await customerOf(w);
    const o = await created(w.a.admin.post('/api/v1/opportunities', { customerId: c.params.id, name: '隔离商机', amountFen: 1_200_000, storeId: w.storeA.id }));
    return { params: { id: o.id }, rows: [...c.rows, ['opportunities', o.id]] };
  });
}

export const FACTORIES: Factory[] = [
  {
    name: 'opportunity',
    match: /^\/api\/v1\/opportunities\/:id(\/|$)/,
    customerOwned: true,
    build: opportunityOf,
  },
  {
    name: 'opportunity stage (an unused open stage, so deleting it would succeed)',
    match: /^\/api\/v1\/opportunity-stages\/:id$/,
    customerOwned: false,
    build: (w) =>
      once(w, 'opportunityStage', async () => {
        const s = await created(w.a.admin.post('/api/v1/opportunity-stages', { key: 'iso_stage', name: '隔离阶段', probability: 50 }));
        return { params: { id: s.id }, rows: [['opportunity_stages', s.id]] };
      }),
  },
  {
    name: 'opportunity loss reason (unused)',
    match: /^\/api\/v1\/opportunity-loss-reasons\/:id$/,
    customerOwned: false,
    build: (w) =>
      once(w, 'opportunityLossReason', async () => {
        const r = await created(w.a.admin.post('/api/v1/opportunity-loss-reasons', { code: 'iso_reason', label: '隔离原因' }));
        return { params: { id: r.id }, rows: [['opportunity_loss_reasons', r.id]] };
      }),
  },
];

/** Sample bodies that would make a real change, keyed "METHOD /registered/url". */
export const BODIES: Record<string, unknown> = {
  'PATCH /api/v1/opportunities/:id': { name: '越权修改', amountFen: 1 },
  'POST /api/v1/opportunities/:id/stage': { stageKey: 'design', version: 1 },
  'PATCH /api/v1/opportunity-stages/:id': { name: '越权改名', enabled: false },
  'PATCH /api/v1/opportunity-loss-reasons/:id': { label: '越权改名', enabled: false },
};
