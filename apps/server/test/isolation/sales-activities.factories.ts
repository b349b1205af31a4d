import { type Built, customerOf, type Factory, once, type World } from './world.ts';

/** Records of the sales-activities module for the generated isolation walker (issue 3). */

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(Date.now() + ms).toISOString();

async function logged(w: World, key: string, body: (customerId: string) => Record<string, unknown>, then?: (id: string) => Promise<unknown>): Promise<Built> {
  return once(w, key, async () => {
    const c = await customerOf(w);
    const res = await w.a.admin.post('/api/v1/activities', body(c.params.id));
    if (res.statusCode !== 201) throw new Error(`activity create failed: ${res.statusCode} ${res.body}`);
    const a = res.json() as { id: string; proposal: { versions: { id: string }[] } | null };
    if (then) await then(a.id);
    const versions = (a.proposal?.versions ?? []).map((v): [string, string] => ['sales_proposal_versions', v.id]);
    return { params: { id: a.id }, rows: [...c.rows, ['sales_activities', a.id], ...versions] };
  });
}

/**
 * Store A's customer with three activities, so that every action would make a change: a call with a pending next
 * step, a proposal presented to the customer, and an invitation whose time has passed (open for arrival or no-show).
 */
const activitiesOf = (w: World) =>
  Promise.all([
    logged(w, 'activityCall', (customerId) => ({
      subjectType: 'customer', subjectId: customerId, kind: 'call', outcome: 'callback', nextStep: { text: '隔离回电', dueAt: iso(24 * HOUR) },
    })),
    logged(
      w,
      'activityProposal',
      (customerId) => ({ subjectType: 'customer', subjectId: customerId, kind: 'proposal', title: '隔离方案', amountFen: 100_000 }),
      async (id) => {
        const res = await w.a.admin.post(`/api/v1/activities/${id}/proposal/present`);
        if (res.statusCode !== 200) throw new Error(`present failed: ${res.statusCode} ${res.body}`);
      },
    ),
    logged(w, 'activityInvitation', (customerId) => ({
      subjectType: 'customer', subjectId: customerId, kind: 'invitation', occurredAt: iso(-2 * HOUR), invitedFor: iso(-HOUR),
    })),
  ]);

export const FACTORIES: Factory[] = [
  {
    name: 'sales activity (a call with a next step, a presented proposal, a store invitation)',
    match: /^\/api\/v1\/activities\/:id(\/|$)/,
    customerOwned: true,
    build: activitiesOf,
  },
];

/** Sample bodies that would make a real change, keyed "METHOD /registered/url". */
export const BODIES: Record<string, unknown> = {
  'PATCH /api/v1/activities/:id': { notes: '越权修改' },
  'POST /api/v1/activities/:id/next-step/reschedule': { dueAt: iso(30 * 24 * HOUR), reason: '越权改期' },
  'POST /api/v1/activities/:id/proposal/versions': { summary: '越权版本', amountFen: 1 },
  'POST /api/v1/activities/:id/proposal/reject': { reason: '越权拒绝' },
  'POST /api/v1/activities/:id/invitation/cancel': { reason: '越权取消' },
};
