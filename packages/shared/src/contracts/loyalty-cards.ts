import { z } from 'zod';
import { CleanText } from './common.ts';

/**
 * Loyalty — member cards and family accounts (LOY-6, LOY-7). Must not import from ./loyalty.ts (it imports this
 * file); import from ./common.ts.
 *
 * One card is the member card, the points card and the stored-value card at once (三卡合一): points and stored value
 * live on the member's account, the card only identifies the member at the counter, so a replacement card reaches the
 * same balances. A family account (主附卡) is one account shared by a primary member and sub members; each sub card
 * may carry monthly limits.
 */

export const CHECK_DIGIT_SCHEMES = ['luhn', 'mod11', 'none'] as const;
export type CheckDigitScheme = (typeof CHECK_DIGIT_SCHEMES)[number];
/** A card number is at most this long (prefix + sequence + check digit). */
export const CARD_NUMBER_MAX = 20;

/**
 * Member card numbers: prefix + the tenant's card sequence zero-padded to `digits` + one check digit:
 * `luhn` (ISO/IEC 7812, as on bank cards), `mod11` (ISO 7064 MOD 11-2, as on the resident identity card: 10 is `X`),
 * or `none`. `activateOnIssue`: a new card is active at once (e-member cards) instead of waiting for activation.
 */
export const CardSettings = z
  .object({
    prefix: z.string().regex(/^[0-9]{0,6}$/, 'digits only, at most 6'),
    digits: z.number().int().min(6).max(16),
    checkDigit: z.enum(CHECK_DIGIT_SCHEMES),
    activateOnIssue: z.boolean().default(false),
  })
  .refine((s) => s.prefix.length + s.digits + (s.checkDigit === 'none' ? 0 : 1) <= CARD_NUMBER_MAX, {
    message: `a card number has at most ${CARD_NUMBER_MAX} characters`,
    path: ['digits'],
  });
export type CardSettingsDto = z.infer<typeof CardSettings>;
export const DEFAULT_CARD_SETTINGS: CardSettingsDto = { prefix: '8800', digits: 10, checkDigit: 'luhn', activateOnIssue: false };

// ---------- check digits and numbers (pure: the server and the settings page's preview share them) ----------

const digitAt = (s: string, i: number) => s.charCodeAt(i) - 48;

/** Luhn: double every second digit from the right of the body (7992739871 → 3). */
export function luhnCheckDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = digitAt(body, body.length - 1 - i);
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

/** ISO 7064 MOD 11-2 (GB 11643's check code: 11010519491231002 → X). */
export function mod11CheckDigit(body: string): string {
  let p = 0;
  for (let i = 0; i < body.length; i++) p = ((p + digitAt(body, i)) * 2) % 11;
  const c = (12 - p) % 11;
  return c === 10 ? 'X' : String(c);
}

export function checkDigitOf(scheme: CheckDigitScheme, body: string): string {
  return scheme === 'luhn' ? luhnCheckDigit(body) : scheme === 'mod11' ? mod11CheckDigit(body) : '';
}

/** What people type: spaces and dashes dropped, `x` read as `X`. */
export const normaliseCardNumber = (raw: string) => raw.replace(/[\s-]+/g, '').toUpperCase();

/** The number of sequence value `seq`; null when the sequence no longer fits the configured digits. */
export function cardNumberFor(settings: Pick<CardSettingsDto, 'prefix' | 'digits' | 'checkDigit'>, seq: number): string | null {
  if (String(seq).length > settings.digits) return null;
  const body = `${settings.prefix}${String(seq).padStart(settings.digits, '0')}`;
  return body + checkDigitOf(settings.checkDigit, body);
}

/** `format`: not digits (a trailing X only under mod11); `check_digit`: the last character does not check. */
export type CardNumberProblem = 'format' | 'check_digit' | null;

/** Whether a typed number can be a card number of this scheme, whatever its prefix and length (old formats too). */
export function cardNumberProblem(scheme: CheckDigitScheme, number: string): CardNumberProblem {
  if (!/^[0-9]+X?$/.test(number) || number.length > 32) return 'format';
  if (number.endsWith('X') && scheme !== 'mod11') return 'format';
  if (scheme === 'none') return null;
  if (number.length < 2) return 'check_digit';
  return checkDigitOf(scheme, number.slice(0, -1)) === number.slice(-1) ? null : 'check_digit';
}

/** A number exactly of the current format (a pre-printed card given at issue): prefix, length and check digit. */
export function currentFormatProblem(settings: Pick<CardSettingsDto, 'prefix' | 'digits' | 'checkDigit'>, number: string): CardNumberProblem {
  const length = settings.prefix.length + settings.digits + (settings.checkDigit === 'none' ? 0 : 1);
  const basic = cardNumberProblem(settings.checkDigit, number);
  if (basic === 'format' || !number.startsWith(settings.prefix) || number.length !== length) return 'format';
  return basic;
}

// ---------- cards ----------

export const CARD_KINDS = ['primary', 'sub'] as const;
export type CardKind = (typeof CARD_KINDS)[number];
/** issued → active → lost / replaced / cancelled; replaced and cancelled are final. */
export const CARD_STATUSES = ['issued', 'active', 'lost', 'replaced', 'cancelled'] as const;
export type CardStatus = (typeof CARD_STATUSES)[number];
export const CARD_EVENT_ACTIONS = ['issued', 'activated', 'reported_lost', 'replaced', 'cancelled', 'limits_changed', 'discount_changed'] as const;
export type CardEventAction = (typeof CARD_EVENT_ACTIONS)[number];
/** Which actions each status allows (the server answers 409 `card_status` otherwise). */
export const CARD_TRANSITIONS: Record<'activate' | 'report_lost' | 'replace' | 'cancel', readonly CardStatus[]> = {
  activate: ['issued'],
  report_lost: ['issued', 'active'],
  replace: ['issued', 'active', 'lost'],
  cancel: ['issued', 'active', 'lost'],
};
/** Member statuses (MEMBER_STATUSES of ./loyalty.ts, which this file may not import). */
const MEMBER_STATUS = z.enum(['active', 'frozen', 'cancelled']);

const CardNumberInput = z.string().trim().min(1).max(40);
const Limit = z.number().int().min(0).max(10_000_000_000).nullable();

export const CardEvent = z.object({
  action: z.enum(CARD_EVENT_ACTIONS),
  fromStatus: z.enum(CARD_STATUSES).nullable(),
  toStatus: z.enum(CARD_STATUSES),
  note: z.string().nullable(),
  at: z.string(),
  byId: z.uuid().nullable(),
  byName: z.string().nullable(),
  /** Where it happened: the caller's unit (a store at the counter). */
  storeId: z.uuid().nullable(),
  storeName: z.string().nullable(),
  meta: z.record(z.string(), z.unknown()),
});
export type CardEventDto = z.infer<typeof CardEvent>;

export const Card = z.object({
  id: z.uuid(),
  number: z.string(),
  memberId: z.uuid(),
  memberNumber: z.string(),
  accountId: z.uuid(),
  kind: z.enum(CARD_KINDS),
  status: z.enum(CARD_STATUSES),
  /** Only an active card is accepted at the counter. */
  usable: z.boolean(),
  /** Discount card: percent off the price (5 = 9.5折); null: no discount. */
  discountPercent: z.number().int().nullable(),
  /** Sub cards: points the member may redeem per Shanghai calendar month (null: no limit). */
  monthlyPointsLimit: z.number().int().nullable(),
  /** Sub cards: stored value (fen) the member may spend per Shanghai calendar month (null: no limit). */
  monthlyValueLimitFen: z.number().int().nullable(),
  replacesCardId: z.uuid().nullable(),
  replacedByCardId: z.uuid().nullable(),
  issuedAt: z.string(),
  statusChangedAt: z.string(),
  /** The card's steps, oldest first: who, when and where. */
  events: z.array(CardEvent),
});
export type CardDto = z.infer<typeof Card>;
export const CardList = z.object({ items: z.array(Card) });

/** Issue a card to a member (at most one usable card each); `number`: a pre-printed card of the current format. */
export const IssueCard = z.object({ number: CardNumberInput.optional(), note: CleanText(500).nullable().optional() });
export type IssueCardInput = z.input<typeof IssueCard>;
export const ReportCardLost = z.object({ note: CleanText(500).nullable().optional() });
export const ReplaceCard = z.object({ number: CardNumberInput.optional(), reason: CleanText(500).nullable().optional() });
export type ReplaceCardInput = z.input<typeof ReplaceCard>;
export const CancelCard = z.object({ reason: CleanText(500).pipe(z.string().min(1)) });
export const ActivateCard = z.object({ note: CleanText(500).nullable().optional() });
export const UpdateCard = z.object({ discountPercent: z.number().int().min(1).max(99).nullable() }).strict();
export const CardLimits = z.object({ monthlyPointsLimit: Limit, monthlyValueLimitFen: Limit }).strict();
export type CardLimitsInput = z.input<typeof CardLimits>;

/** The settings page's preview: the sequence value the next generated card number takes. */
export const CardNumbering = z.object({ nextSequence: z.number().int(), nextNumber: z.string().nullable() });

/** What the counter lookup answers about the card it found (or the member's usable card). */
export const LookupCard = z.object({
  number: z.string(),
  kind: z.enum(CARD_KINDS),
  status: z.enum(CARD_STATUSES),
  /** False for a lost, replaced or cancelled card (and one not yet activated): refuse it at the counter. */
  usable: z.boolean(),
  discountPercent: z.number().int().nullable(),
  /** A replaced card: the number of the card that replaced it. */
  replacedByNumber: z.string().nullable(),
});

// ---------- family accounts ----------

export const FamilyMember = z.object({
  memberId: z.uuid(),
  number: z.string(),
  /** Masked (王**) when the caller may not see that customer; null when the role hides names. */
  name: z.string().nullable(),
  status: MEMBER_STATUS,
  role: z.enum(['primary', 'sub']),
  joinedAt: z.string().nullable(),
  /** The member's current card (usable or lost), with its limits. */
  card: Card.nullable(),
  /** Spent this Shanghai calendar month on this account: points redeemed (net of cancels) and stored value (fen). */
  spentThisMonth: z.object({ points: z.number().int(), valueFen: z.number().int() }),
});
export const Family = z.object({
  accountId: z.uuid(),
  kind: z.enum(['individual', 'family']),
  primaryMemberId: z.uuid().nullable(),
  /** Points of the shared account. */
  balance: z.number().int(),
  members: z.array(FamilyMember),
});
export type FamilyDto = z.infer<typeof Family>;

/**
 * Add a customer of the tenant (one the caller can see) to the member's account as a sub member: enrolled first when
 * not yet a member; their points (expiry kept) and stored value move to the shared account; a sub card is issued with
 * the limits given.
 */
export const AddFamilyMember = z.object({
  customerId: z.uuid(),
  cardNumber: CardNumberInput.optional(),
  monthlyPointsLimit: Limit.optional(),
  monthlyValueLimitFen: Limit.optional(),
});
export type AddFamilyMemberInput = z.input<typeof AddFamilyMember>;
/** What moved when the member joined, and what stays with the family when a sub member leaves. */
export const FamilyChange = z.object({ family: Family, memberId: z.uuid(), pointsMoved: z.number().int(), valueMovedFen: z.number().int(), accountId: z.uuid() });
export type FamilyChangeDto = z.infer<typeof FamilyChange>;
