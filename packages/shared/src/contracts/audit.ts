import { z } from 'zod';

/** One field of a change: its value before and after (null when absent). */
export const FieldChange = z.object({ field: z.string(), before: z.unknown(), after: z.unknown() });
export type FieldChangeDto = z.infer<typeof FieldChange>;

/** One row of the audit trail (留痕, PLAT-6), as the trail, the customer timeline and every history tab show it. */
export const AuditRow = z.object({
  id: z.number(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorKind: z.string(),
  actorName: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  changes: z.array(FieldChange),
  meta: z.record(z.string(), z.unknown()),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
});
export type AuditRowDto = z.infer<typeof AuditRow>;

/**
 * Platform records with a history tab of their own (GET /history/{entityType}/{id}); customers keep
 * /customers/{id}/history, which adds their contacts and merged records.
 */
export const HISTORY_ENTITY_TYPES = ['orgUnit', 'user', 'role', 'customField', 'apiKey'] as const;
export type HistoryEntityType = (typeof HISTORY_ENTITY_TYPES)[number];

export const HistoryParams = z.object({ entityType: z.enum(HISTORY_ENTITY_TYPES), id: z.uuid() });
/** A record's history, newest first. */
export const History = z.object({ items: z.array(AuditRow) });
