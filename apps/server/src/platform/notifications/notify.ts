import type { DbOrTx } from '../db/client.ts';
import { notifications } from './notifications.tables.ts';

export interface Notification {
  /** Recipient (a user of the tenant). */
  userId: string;
  /** Translation key under `work:kinds.` in the web app, e.g. `lead.assigned`. */
  kind: string;
  /** Values for the message (names, numbers); never secrets. */
  params?: Record<string, string | number | null>;
  /** Web path the notification opens, e.g. `/leads/<id>`. */
  link?: string | null;
  entityType?: string | null;
  entityId?: string | null;
  /** Same key for the same recipient → one notification (idempotent by event id or record + action). */
  dedupeKey?: string | null;
}

/**
 * Put notifications into recipients' inboxes, in the caller's transaction: the inbox shows them as soon as the
 * change commits (a lead assigned is in the assignee's inbox the moment it is captured). Idempotent by dedupeKey.
 */
export async function notify(tx: DbOrTx, tenantId: string, items: Notification | Notification[], now?: Date): Promise<void> {
  const list = Array.isArray(items) ? items : [items];
  if (!list.length) return;
  await tx
    .insert(notifications)
    .values(
      list.map((n) => ({
        tenantId,
        userId: n.userId,
        kind: n.kind,
        params: n.params ?? {},
        link: n.link ?? null,
        entityType: n.entityType ?? null,
        entityId: n.entityId ?? null,
        dedupeKey: n.dedupeKey ?? null,
        ...(now ? { createdAt: now, updatedAt: now } : {}),
      })),
    )
    .onConflictDoNothing();
}
