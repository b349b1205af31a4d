import { type Built, type Factory, once, type World } from './world.ts';

/** Records of loyalty — bonus-rules for the generated isolation walker (one factory per route with a path parameter). */

/** A bonus rule of tenant A's programme (tenant-wide: its conditions name a store of A). */
function bonusRuleOf(w: World): Promise<Built> {
  return once(w, 'loyaltyBonusRule', async () => {
    const res = await w.a.admin.post('/api/v1/loyalty/bonus-rules', {
      name: '隔离测试双倍积分',
      conditions: { storeIds: [w.storeA.id] },
      effect: { kind: 'multiplier', percent: 200 },
    });
    if (res.statusCode !== 201) throw new Error(`expected 201, got ${res.statusCode} ${res.body}`);
    const id = (res.json() as { id: string }).id;
    return { params: { id }, rows: [['loyalty_bonus_rules', id]] };
  });
}

export const FACTORIES: Factory[] = [{ name: 'loyalty bonus rule', match: /^\/api\/v1\/loyalty\/bonus-rules\/:id(\/|$)/, customerOwned: false, build: bonusRuleOf }];

/** Sample bodies that would make a real change, keyed "METHOD /registered/url". */
export const BODIES: Record<string, unknown> = {
  'PATCH /api/v1/loyalty/bonus-rules/:id': { name: '越权修改', effect: { kind: 'fixed', points: 999 } },
};
