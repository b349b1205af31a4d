import { z } from 'zod';
import { CleanText, NameText } from './common.ts';
import { REQUEST_STATUSES, REQUEST_TYPES } from './requests.ts';

/** The public self-service page of a tenant (SVC-6): verify by a code, then submit and follow requests. */
export const SELF_SERVICE_CHANNELS = ['sms', 'email'] as const;
export type SelfServiceChannel = (typeof SELF_SERVICE_CHANNELS)[number];

/** A tenant code in a public address. */
export const TenantCodeParams = z.object({ tenantCode: z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/) });

export const PublicTenant = z.object({ code: z.string(), name: z.string() });
/** The brand of a page, and how codes can be sent (e-mail only where SMTP is set up). */
export const PublicPage = PublicTenant.extend({ channels: z.array(z.enum(SELF_SERVICE_CHANNELS)) });

/** A phone in any common format (sms) or an e-mail address. */
export const SelfServiceContact = z.object({
  channel: z.enum(SELF_SERVICE_CHANNELS),
  to: CleanText(200).pipe(z.string().min(3)),
});
export const RequestCodeBody = SelfServiceContact;
/** The same answer whether or not a customer has this phone or e-mail. */
export const CodeRequested = z.object({
  ok: z.literal(true),
  channel: z.enum(SELF_SERVICE_CHANNELS),
  /** Masked. */
  to: z.string(),
  expiresInSeconds: z.number().int(),
  resendAfterSeconds: z.number().int(),
});
export const VerifyCodeBody = SelfServiceContact.extend({ code: z.string().trim().regex(/^\d{6}$/, 'six digits') });

export const SelfServiceMe = z.object({
  tenant: PublicTenant,
  channel: z.enum(SELF_SERVICE_CHANNELS),
  /** The verified phone or e-mail, masked. */
  contact: z.string(),
  /** Whether a customer record is linked (a first request makes one when none exists). */
  known: z.boolean(),
  expiresAt: z.string(),
});
/** `token` also works as `Authorization: Bearer <token>` (apps); the page uses the cookie. */
export const SelfServiceSession = SelfServiceMe.extend({ token: z.string() });

/** Request types a customer may choose on the public page (all of them: questions, complaints, returns, praise …). */
export const SELF_SERVICE_REQUEST_TYPES = REQUEST_TYPES;

export const SubmitSelfServiceRequest = z.object({
  type: z.enum(SELF_SERVICE_REQUEST_TYPES),
  subject: NameText(200),
  description: CleanText(5000).pipe(z.string().min(1)),
  /** The customer's name; required when no customer is linked yet. */
  name: NameText(100).optional(),
});

/** One step of a request's public timeline: replies to the customer and the customer's own messages; internal notes never appear. */
export const PublicRequestMessage = z.object({
  at: z.string(),
  from: z.enum(['staff', 'customer']),
  kind: z.enum(['created', 'reply', 'status', 'confirmation']),
  body: z.string().nullable(),
  status: z.enum(REQUEST_STATUSES).nullable(),
});

/** What a customer sees of their own request: progress only (no staff names, notes or SLA internals). */
export const PublicRequest = z.object({
  id: z.string(),
  number: z.string(),
  type: z.enum(REQUEST_TYPES),
  status: z.enum(REQUEST_STATUSES),
  subject: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  resolvedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  resolution: z.string().nullable(),
  satisfaction: z.number().int().nullable(),
  /** A resolved request waits for the customer's confirmation and score. */
  canConfirm: z.boolean(),
  messages: z.array(PublicRequestMessage),
});
export type PublicRequestDto = z.infer<typeof PublicRequest>;

export const PublicRequestList = z.object({ items: z.array(PublicRequest) });
export const PublicRequestQuery = z.object({ open: z.enum(['true', 'false']).optional() });
export const ConfirmSelfServiceRequest = z.object({ satisfaction: z.number().int().min(1).max(5), comment: CleanText(1000).nullable().optional() });
export const ReplySelfServiceRequest = z.object({ body: CleanText(5000).pipe(z.string().min(1)) });
export const ReopenSelfServiceRequest = z.object({ reason: CleanText(5000).pipe(z.string().min(1)) });

export const PublicArticleQuery = z.object({
  q: z.string().trim().max(100).optional(),
  categoryId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  cursor: z.string().max(500).optional(),
});
export const PublicSuggestQuery = z.object({ text: CleanText(2000).pipe(z.string().min(1)) });
