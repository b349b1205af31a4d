import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { insertJsonRows } from '../../src/platform/db/bulk-insert.ts';
import { customers } from '../../src/modules/customers/customers.tables.ts';
import { newTenant, type TestApp, testApp } from '../helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.app.close();
});

describe('insertJsonRows (one statement, one JSON parameter)', () => {
  it('writes exactly what drizzle’s insert writes: arrays, jsonb, timestamps, nulls, and defaults for the keys a row leaves out', async () => {
    const { tenant } = await newTenant(t);
    const db = t.deps.db.db;
    const at = new Date('2026-11-22T07:30:00.123Z');
    const rows = (prefix: string) => [
      { id: randomUUID(), tenantId: tenant.id, code: `${prefix}1`, kind: 'person' as const, name: '王小明', phones: ['+8613812345678'], tags: ['老客户', 'VIP'], customFields: { 户型: '三室两厅', 面积: 120 }, birthday: { calendar: 'lunar' as const, month: 6, day: 30, leapMonth: true, year: 1990 }, createdAt: at, updatedAt: at, lastTouchedAt: at },
      { id: randomUUID(), tenantId: tenant.id, code: `${prefix}2`, kind: 'company' as const, name: '雅居装饰有限公司', notes: '引号 "和" 逗号, 换行\n都在', birthday: null, createdAt: at, updatedAt: at },
      { id: randomUUID(), tenantId: tenant.id, code: `${prefix}3`, kind: 'person' as const, name: '李四', tags: undefined, gender: 'female', createdAt: at, updatedAt: at, lastTouchedAt: at },
    ];
    const viaJson = rows('J');
    const viaDrizzle = rows('D');
    await insertJsonRows(db, customers, viaJson);
    await db.insert(customers).values(viaDrizzle);
    const read = async (ids: string[]) =>
      (await db.select().from(customers).where(inArray(customers.id, ids))).sort((a, b) => a.code.localeCompare(b.code)).map(({ id: _id, code: _code, lastTouchedAt, ...rest }) => ({ ...rest, touchedIsSet: lastTouchedAt instanceof Date }));
    const json = await read(viaJson.map((r) => r.id));
    expect(json).toHaveLength(3);
    expect(json).toEqual(await read(viaDrizzle.map((r) => r.id)));
    expect(json[0]).toMatchObject({ tags: ['老客户', 'VIP'], customFields: { 户型: '三室两厅', 面积: 120 }, birthday: { calendar: 'lunar', leapMonth: true }, createdAt: at });
    // Defaults for what a row left out: empty arrays, {} and the list status.
    expect(json[2]).toMatchObject({ tags: [], phones: [], customFields: {}, listStatus: 'none', notes: null });
    expect((await db.select({ notes: customers.notes }).from(customers).where(eq(customers.id, viaJson[1].id)))[0].notes).toBe('引号 "和" 逗号, 换行\n都在');
  });

  it('does nothing for no rows', async () => {
    await expect(insertJsonRows(t.deps.db.db, customers, [])).resolves.toBeUndefined();
  });
});
