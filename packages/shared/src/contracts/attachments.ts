import { z } from 'zod';

/**
 * Attachments (PLAT-10): file kinds accepted everywhere. The server checks the extension and the file's
 * first bytes; HTML, SVG, scripts and executables are never accepted.
 */
export const ATTACHMENT_EXTENSIONS = [
  'jpg', 'jpeg', 'png', 'gif', 'webp', 'heic', 'pdf', 'xlsx', 'xls', 'docx', 'doc', 'pptx', 'ppt', 'dwg', 'txt', 'csv', 'zip', 'mp4',
] as const;
export type AttachmentExtension = (typeof ATTACHMENT_EXTENSIONS)[number];

/** Objects that take attachments; grows as modules register theirs. */
export const ATTACHMENT_ENTITY_TYPES = ['customer', 'salesActivity', 'proposalVersion'] as const;

export const Attachment = z.object({
  id: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  fileName: z.string(),
  mime: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  uploadedBy: z.string().nullable(),
  createdAt: z.string(),
});
export type AttachmentDto = z.infer<typeof Attachment>;

export const AttachmentListQuery = z.object({
  entityType: z.enum(ATTACHMENT_ENTITY_TYPES),
  entityId: z.uuid(),
});
