import type { TestApp, TestTenant, Client } from '../helpers.ts';
import { createCustomer } from '../factories.ts';

/**
 * The generated isolation walker's world (apps/server/test/platform/isolation.test.ts): a tenant A with a store,
 * and factories that build one record of each kind. Each module keeps its factories in `<module>.factories.ts` here.
 */
export interface Built {
  /** Values for the route's path parameters. */
  params: Record<string, string>;
  /** Rows whose stored values must not change: [table, id]. */
  rows: [string, string][];
}
export interface World {
  t: TestApp;
  a: TestTenant;
  storeA: { id: string };
  memo: Map<string, Promise<Built>>;
}
export interface Factory {
  name: string;
  /** URL patterns (registered form, with :params) served by this factory. */
  match: RegExp;
  /** Records that belong to a customer, so a store user outside its store must not reach them either. */
  customerOwned: boolean;
  /** One record, or several when the route serves several kinds (each is walked). */
  build(w: World): Promise<Built | Built[]>;
}

export const once = (w: World, key: string, build: () => Promise<Built>) => {
  if (!w.memo.has(key)) w.memo.set(key, build());
  return w.memo.get(key)!;
};

export async function customerOf(w: World): Promise<Built> {
  return once(w, 'customer', async () => {
    const c = await createCustomer(w.a.admin, {
      name: '甲方客户',
      storeId: w.storeA.id,
      phones: ['13912340000'],
      tags: ['隔离'],
    });
    return { params: { id: c.id }, rows: [['customers', c.id]] };
  });
}

/** A multipart upload: text fields, then one file in the field `file`. */
export function upload(t: TestApp, c: Client, url: string, fields: Record<string, string>, fileName: string, type: string, content: string) {
  const boundary = '----jiakeisolation';
  const parts = Object.entries(fields).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
  const payload = `${parts.join('')}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n${content}\r\n--${boundary}--\r\n`;
  return t.app.inject({
    method: 'POST',
    url,
    headers: {
      cookie: c.cookie,
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    payload: Buffer.from(payload),
  });
}

