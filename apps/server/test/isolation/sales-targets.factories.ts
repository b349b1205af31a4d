import { userIn } from '../helpers.ts';
import { type Built, type Factory, once, type World } from './world.ts';

/**
 * Records of the sales-targets module for the generated isolation walker: store A's target and the target of one of
 * its salespeople. Both belong to store A, so a store user elsewhere must not reach them either.
 */
async function targetOf(w: World, subjectType: 'unit' | 'user'): Promise<Built> {
  return once(w, `salesTarget:${subjectType}`, async () => {
    const subjectId = subjectType === 'unit' ? w.storeA.id : (await userIn(w.t, w.a.admin, w.a.code, w.storeA.id, '导购')).user.id;
    const res = await w.t.app.inject({
      method: 'PUT',
      url: '/api/v1/targets',
      headers: { cookie: w.a.admin.cookie },
      payload: { subjectType, subjectId, period: '2026-11', amountFen: 50_000_000, wonCount: 5 },
    });
    if (res.statusCode !== 200) throw new Error(`target set failed: ${res.statusCode} ${res.body}`);
    const id = res.json().id as string;
    return { params: { id }, rows: [['sales_targets', id]] };
  });
}

export const FACTORIES: Factory[] = [
  {
    name: 'sales target',
    match: /^\/api\/v1\/targets\/:id(\/|$)/,
    customerOwned: true,
    build: async (w) => [await targetOf(w, 'unit'), await targetOf(w, 'user')],
  },
];

/** Sample bodies that would make a real change, keyed "METHOD /registered/url". */
export const BODIES: Record<string, unknown> = {
  'PATCH /api/v1/targets/:id': { amountFen: 1, wonCount: 0 },
};
