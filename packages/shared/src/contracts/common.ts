import { z } from 'zod';

export const Id = z.uuid();
/** Bounded page size on every list; keyset cursor (opaque) for the next page. */
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(20),
  cursor: z.string().max(500).optional(),
});
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable(), total: z.number().int().optional(), totalIsEstimate: z.boolean().optional() });

/**
 * Reject control characters other than tab/newline, zero-width characters and bidi controls (they hide or reorder
 * text, e.g. "王芳\u202egnp.exe"). A zero-width joiner inside an emoji sequence (👨‍👩‍👧) is part of the emoji and allowed.
 * Checked before trimming, so a leading or trailing BOM is refused, not silently dropped.
 */
const BAD_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/;
const EMOJI_ZWJ = /(\p{Extended_Pictographic}[\u{1F3FB}-\u{1F3FF}\uFE0F]*)\u200D(?=\p{Extended_Pictographic})/gu;
export const hasInvisibleChars = (s: string) => BAD_CHARS.test(s.replace(EMOJI_ZWJ, '$1'));
export const CleanText = (max: number) =>
  z
    .string()
    .refine((s) => !hasInvisibleChars(s), { message: 'contains invisible or control characters' })
    .trim()
    .max(max);
export const NameText = (max: number) => CleanText(max).pipe(z.string().min(1));

export const OkResponse = z.object({ ok: z.literal(true) });
