import { notify } from '../../src/platform/notifications/notify.ts';
import { type Factory, once } from './world.ts';

/**
 * Records of the inbox (platform/notifications) for the generated isolation walker: a notification of tenant A's
 * administrator. It is personal, so anyone else — the outsider of tenant A included — must get 404.
 */
export const FACTORIES: Factory[] = [
  {
    name: 'notification',
    match: /^\/api\/v1\/notifications\/:id(\/|$)/,
    customerOwned: true,
    build: (w) =>
      once(w, 'notification', async () => {
        const me = (await w.a.admin.get('/api/v1/auth/me')).json() as { user: { id: string } };
        await notify(w.t.deps.db.db, w.a.tenant.id, { userId: me.user.id, kind: 'lead.assigned', params: { name: '隔离线索' }, link: '/leads', dedupeKey: 'isolation' });
        const r = await w.t.deps.db.pool.query("SELECT id FROM notifications WHERE tenant_id = $1 AND dedupe_key = 'isolation'", [w.a.tenant.id]);
        const id = r.rows[0].id as string;
        return { params: { id }, rows: [['notifications', id]] };
      }),
  },
];

/** Sample bodies that would make a real change, keyed "METHOD /registered/url". */
export const BODIES: Record<string, unknown> = {};
