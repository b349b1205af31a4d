import { and, asc, eq, inArray, isNotNull, isNull, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { scopedWhere } from '../../platform/db/scoped.ts';
import { attachments } from '../../platform/files/files.tables.ts';
import { contacts, customerPhones, customers } from './customers.tables.ts';
import { customerFence, live, selectWithNames, visibleWhere } from './customers.repository.ts';
import type { CustomerRow, CustomerRowWithNames } from './customers.dto.ts';

/** How many candidates a duplicate check on create/import looks at, and how many customers one finder group lists. */
const CANDIDATES = 50;
export const GROUP_CAP = 20;

/**
 * Candidates for a duplicate warning, in one query (CUS-6): live customers of the whole tenant sharing a phone
 * (their own or a contact's) or the exact name; each says whether the caller may see it. Phone matches first.
 * Both ways in are indexed (customer_phones (tenant, e164), customers (tenant, name)).
 */
export async function duplicateCandidates(ctx: Ctx, tx: DbOrTx, c: { name: string; e164s: string[]; excludeId?: string }) {
  const phones = c.e164s.length ? inArray(customerPhones.e164, c.e164s) : sql`false`;
  const res = await tx.execute<{ id: string; name: string; phones: string[]; same_phone: boolean; visible: boolean }>(sql`
    WITH ph AS (SELECT DISTINCT customer_id AS id FROM customer_phones WHERE tenant_id = ${ctx.tenantId} AND ${phones}),
         cand AS (SELECT id FROM ph UNION SELECT id FROM customers WHERE tenant_id = ${ctx.tenantId} AND name = ${c.name})
    SELECT customers.id, customers.name, customers.phones,
           customers.id IN (SELECT id FROM ph) AS same_phone,
           (${scopedWhere(ctx, customerFence)}) AS visible
      FROM customers JOIN cand ON cand.id = customers.id
     WHERE ${and(eq(customers.tenantId, ctx.tenantId), live(), c.excludeId ? ne(customers.id, c.excludeId) : undefined)}
     ORDER BY same_phone DESC, customers.id
     LIMIT ${CANDIDATES}`);
  return res.rows.map((r) => ({ id: r.id, name: r.name, phones: r.phones, samePhone: r.same_phone, visible: r.visible }));
}

export type GroupKeyRow = {
  key: string;
  kind: 'name' | 'phone';
  ids: string[];
};

/**
 * Candidate duplicate groups among the customers the caller may see, after `after`, by key: customers sharing one of
 * their own phone numbers ('p:' + the smallest phone-row id), and customers with the same name ('n:' + the smallest
 * customer id). Keys never carry a phone or a name, so cursors leak nothing the field rules hide.
 */
export async function duplicateGroupKeys(ctx: Ctx, after: string, limit: number): Promise<GroupKeyRow[]> {
  const res = await ctx.db.execute<GroupKeyRow>(sql`
    WITH vis AS (SELECT id, name FROM customers WHERE ${visibleWhere(ctx)})
    SELECT key, kind, ids FROM (
      SELECT 'n:' || min(v.id::text) AS key, 'name' AS kind, (array_agg(v.id::text ORDER BY v.id::text))[1:${GROUP_CAP}] AS ids
        FROM vis v GROUP BY v.name HAVING count(*) > 1
      UNION ALL
      SELECT 'p:' || min(p.id::text), 'phone', (array_agg(DISTINCT p.customer_id::text ORDER BY p.customer_id::text))[1:${GROUP_CAP}]
        FROM customer_phones p JOIN vis v ON v.id = p.customer_id
       WHERE p.tenant_id = ${ctx.tenantId} AND p.contact_id IS NULL
       GROUP BY p.e164 HAVING count(DISTINCT p.customer_id) > 1
    ) g
    WHERE key COLLATE "C" > ${after}
    ORDER BY key COLLATE "C"
    LIMIT ${limit}`);
  return res.rows;
}

/** Live customers the caller may see among these ids, with owner and store names. */
export async function visibleByIds(ctx: Ctx, ids: string[]): Promise<CustomerRowWithNames[]> {
  if (!ids.length) return [];
  return selectWithNames(ctx.db).where(visibleWhere(ctx, inArray(customers.id, ids)));
}

/** Lock live customers the caller may see, in id order (no deadlock between two bulk changes). */
export async function lockVisible(ctx: Ctx, tx: DbOrTx, ids: string[]): Promise<CustomerRow[]> {
  return tx.select().from(customers).where(visibleWhere(ctx, inArray(customers.id, ids))).orderBy(asc(customers.id)).for('update');
}

/** Ids of every customer merged into this one, directly or through earlier merges. */
export async function mergedLineage(db: DbOrTx, tenantId: string, id: string): Promise<string[]> {
  const res = await db.execute<{ id: string }>(sql`
    WITH RECURSIVE m(id) AS (
      SELECT id FROM customers WHERE tenant_id = ${tenantId} AND merged_into_id = ${id}
      UNION
      SELECT c.id FROM customers c JOIN m ON c.merged_into_id = m.id WHERE c.tenant_id = ${tenantId} AND c.merged_into_id IS NOT NULL
    )
    SELECT id FROM m LIMIT 1000`);
  return res.rows.map((r) => r.id);
}

/**
 * Move what hangs off merged customers onto the survivor: contacts (and their phone rows) and attachments.
 * The merged customers' own phone rows go; the survivor's are rewritten from the union by the caller.
 */
export async function moveToSurvivor(tx: DbOrTx, tenantId: string, survivorId: string, mergedIds: string[]) {
  const movedContacts = await tx
    .update(contacts)
    .set({ customerId: survivorId })
    .where(and(eq(contacts.tenantId, tenantId), inArray(contacts.customerId, mergedIds)))
    .returning({ id: contacts.id });
  await tx
    .update(customerPhones)
    .set({ customerId: survivorId })
    .where(and(eq(customerPhones.tenantId, tenantId), inArray(customerPhones.customerId, mergedIds), isNotNull(customerPhones.contactId)));
  await tx
    .delete(customerPhones)
    .where(and(eq(customerPhones.tenantId, tenantId), inArray(customerPhones.customerId, mergedIds), isNull(customerPhones.contactId)));
  const movedAttachments = await tx
    .update(attachments)
    .set({ entityId: survivorId })
    .where(and(eq(attachments.tenantId, tenantId), eq(attachments.entityType, 'customer'), inArray(attachments.entityId, mergedIds)))
    .returning({ id: attachments.id });
  return { contactIds: movedContacts.map((c) => c.id), attachmentIds: movedAttachments.map((a) => a.id) };
}
