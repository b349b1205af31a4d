import { ATTACHMENT_EXTENSIONS, type ATTACHMENT_ENTITY_TYPES, type AttachmentDto } from '@jiake/shared';
import type { Config } from '../config.ts';
import type { Ctx } from '../http/context.ts';
import { AppError, invalid, issue, notFound } from '../http/errors.ts';
import { detectFileKind, servedType } from './file-types.ts';
import { moveInto, randomKey, removeQuietly, tenantPath } from './storage.ts';
import type { Upload } from './upload.ts';
import * as repo from './files.repository.ts';

/**
 * Attachments (PLAT-10). The platform knows no business module: each object that takes attachments gives a check
 * "may this caller see record <id>?", and a record the caller cannot see answers 404, as do its attachments.
 */
export type EntityVisible = (ctx: Ctx, id: string) => Promise<boolean>;
export type AttachableEntities = Record<(typeof ATTACHMENT_ENTITY_TYPES)[number], EntityVisible>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const toDto = (a: repo.AttachmentRow): AttachmentDto => ({
  id: a.id, entityType: a.entityType, entityId: a.entityId, fileName: a.filename, mime: a.mime, size: a.size,
  sha256: a.sha256, uploadedBy: a.uploadedBy, createdAt: a.createdAt.toISOString(),
});

async function assertEntityVisible(ctx: Ctx, entities: AttachableEntities, entityType: string, entityId: string) {
  const check = entities[entityType as keyof AttachableEntities];
  if (!check) throw invalid([issue('body.entityType', 'invalid_value', `附件不能挂在 "${entityType}" 上`)]);
  if (!UUID.test(entityId)) throw invalid([issue('body.entityId', 'invalid_format', 'entityId must be a UUID')]);
  if (!(await check(ctx, entityId))) throw notFound(entityType);
}

export async function uploadAttachment(ctx: Ctx, config: Config, entities: AttachableEntities, { fields, file }: Upload) {
  try {
    await assertEntityVisible(ctx, entities, fields.entityType ?? '', fields.entityId ?? '');
    const kind = detectFileKind(file.fileName, file.head);
    if (!kind) {
      throw new AppError('unsupported_file', `不支持的文件类型，可上传：${ATTACHMENT_EXTENSIONS.join('、')}`, {
        params: { allowed: ATTACHMENT_EXTENSIONS },
        issues: [issue('body.file', 'unsupported_type', 'the file extension or its content is not an accepted kind')],
      });
    }
    const storageKey = randomKey();
    const finalPath = tenantPath(config, ctx.tenantId, storageKey);
    await moveInto(file.tmpPath, finalPath);
    try {
      const row = await ctx.db.transaction((tx) =>
        repo.insertAttachment(ctx, tx, {
          entityType: fields.entityType, entityId: fields.entityId, filename: file.fileName, mime: kind.mime, size: file.size,
          sha256: file.sha256, storageKey, uploadedBy: ctx.actor.id, createdAt: ctx.now(),
        }),
      );
      return toDto(row);
    } catch (err) {
      await removeQuietly(finalPath);
      throw err;
    }
  } finally {
    await removeQuietly(file.tmpPath);
  }
}

export async function listAttachments(ctx: Ctx, entities: AttachableEntities, entityType: string, entityId: string) {
  await assertEntityVisible(ctx, entities, entityType, entityId);
  return { items: (await repo.listAttachments(ctx, entityType, entityId)).map(toDto) };
}

/** An attachment the caller may see (its record is visible to them), else 404. */
async function visibleAttachment(ctx: Ctx, entities: AttachableEntities, id: string) {
  const row = await repo.findAttachment(ctx, id);
  const check = row && entities[row.entityType as keyof AttachableEntities];
  if (!row || !check || !(await check(ctx, row.entityId))) throw notFound('attachment');
  return row;
}

export async function attachmentDownload(ctx: Ctx, config: Config, entities: AttachableEntities, id: string) {
  const row = await visibleAttachment(ctx, entities, id);
  return { path: tenantPath(config, ctx.tenantId, row.storageKey), fileName: row.filename, contentType: servedType(row.mime) };
}

/** Soft delete: the attachment leaves every list; the bytes and the audit row stay. */
export async function deleteAttachment(ctx: Ctx, entities: AttachableEntities, id: string) {
  await visibleAttachment(ctx, entities, id);
  await ctx.db.transaction((tx) => repo.softDeleteAttachment(ctx, tx, id));
}
