import { desc, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import type { Ctx } from '../http/context.ts';
import { insertScoped, scopedWhere, updateScoped, type Fence } from '../db/scoped.ts';
import { attachments } from './files.tables.ts';

/** Attachments belong to a record; who may see them is decided by that record's own module. */
export const attachmentFence: Fence = { table: attachments, entity: 'attachment' };
export type AttachmentRow = typeof attachments.$inferSelect;

const live = () => isNull(attachments.deletedAt);

export function insertAttachment(ctx: Ctx, tx: DbOrTx, values: Omit<typeof attachments.$inferInsert, 'tenantId'>) {
  return insertScoped<AttachmentRow>(ctx, tx, attachmentFence, values);
}

export function listAttachments(ctx: Ctx, entityType: string, entityId: string): Promise<AttachmentRow[]> {
  return ctx.db
    .select()
    .from(attachments)
    .where(scopedWhere(ctx, attachmentFence, eq(attachments.entityType, entityType), eq(attachments.entityId, entityId), live()))
    .orderBy(desc(attachments.createdAt), desc(attachments.id))
    .limit(500);
}

export async function findAttachment(ctx: Ctx, id: string): Promise<AttachmentRow | null> {
  const [row] = await ctx.db.select().from(attachments).where(scopedWhere(ctx, attachmentFence, eq(attachments.id, id), live()));
  return row ?? null;
}

export function softDeleteAttachment(ctx: Ctx, tx: DbOrTx, id: string) {
  return updateScoped<AttachmentRow>(ctx, tx, attachmentFence, id, { deletedAt: ctx.now() }, { action: 'attachment.deleted', extra: live() });
}
