import { z } from 'zod';

export const Id = z.uuid();
/** Bounded page size on every list; keyset cursor (opaque) for the next page. */
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(20),
  cursor: z.string().max(500).optional(),
});
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable(), total: z.number().int().optional(), totalIsEstimate: z.boolean().optional() });

/** Reject control characters other than tab/newline, and zero-width/bidi overrides, in names. */
const BAD_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;
export const CleanText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((s) => !BAD_CHARS.test(s), { message: 'contains invisible or control characters' });
export const NameText = (max: number) => CleanText(max).pipe(z.string().min(1));

export const OkResponse = z.object({ ok: z.literal(true) });
