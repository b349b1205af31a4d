import type { z } from 'zod';
import type { ExpiryNoticeDto, ExpiryNoticeListQuery } from '@jiake/shared';
import type { Ctx } from '../../platform/http/context.ts';
import { decodeCursor } from '../../platform/db/keyset.ts';
import { normaliseRecipient, sendMessage } from '../../platform/messaging/messaging.service.ts';
import { customerNamesByIds, customerPhonesByIds } from '../customers/index.ts';
import { loadSettings } from './program.service.ts';
import { expiryNoticeText } from './notice-text.ts';
import * as repo from './notices.repository.ts';

/**
 * Telling members ahead of their points expiring (LOY-4). Each day the accounts with points expiring within the
 * programme's `notices.expiryDaysAhead` days get one notice per expiry date, through the account's primary member:
 * an SMS (platform messaging, queued in the notice's transaction) when that member is active, has granted SMS consent
 * (the latest record of the channel) and a mobile phone; otherwise the notice is recorded as skipped with the reason.
 * Either way it is made once: a later run, or a consent given afterwards, does not send it again.
 */

const DAY_MS = 86_400_000;
const BATCH = 200;

/** A Chinese number must be a mobile to take an SMS; other countries' numbers are left to the provider. */
const smsCapable = (e164: string) => !e164.startsWith('+86') || /^\+861\d{10}$/.test(e164);

function phoneFor(phones: string[] | undefined): string | null {
  for (const p of phones ?? []) {
    const e164 = normaliseRecipient('sms', p);
    if (e164 && smsCapable(e164)) return e164;
  }
  return null;
}

function verdict(d: repo.DueExpiry, phone: string | null): { status: 'queued' | 'skipped'; reason: 'no_consent' | 'no_phone' | 'member_inactive' | null } {
  if (d.memberStatus !== 'active') return { status: 'skipped', reason: 'member_inactive' };
  if (d.smsConsent !== true) return { status: 'skipped', reason: 'no_consent' };
  if (!phone) return { status: 'skipped', reason: 'no_phone' };
  return { status: 'queued', reason: null };
}

export async function sendExpiryNotices(ctx: Ctx, now: Date): Promise<{ queued: number; skipped: number; failed: number }> {
  const out = { queued: 0, skipped: 0, failed: 0 };
  const { notices } = await loadSettings(ctx.db, ctx.tenantId);
  if (notices.expiryDaysAhead <= 0) return out;
  const until = new Date(now.getTime() + notices.expiryDaysAhead * DAY_MS);
  const brand = await repo.tenantName(ctx.db, ctx.tenantId);
  let firstError: unknown = null;
  const failed = new Set<string>();
  const keyOf = (d: repo.DueExpiry) => `${d.accountId}|${d.expiresAt.toISOString()}`;
  for (;;) {
    const fetched = await repo.dueExpiries(ctx.db, ctx.tenantId, now, until, BATCH);
    const due = fetched.filter((d) => !failed.has(keyOf(d)));
    if (!due.length) break;
    const ids = due.map((d) => d.customerId);
    const [phones, names] = await Promise.all([customerPhonesByIds(ctx.db, ctx.tenantId, ids), customerNamesByIds(ctx.db, ctx.tenantId, ids)]);
    let progress = false;
    for (const d of due) {
      const phone = phoneFor(phones.get(d.customerId));
      const v = verdict(d, phone);
      try {
        const made = await ctx.db.transaction(async (tx) => {
          const notice = await repo.claimNotice(tx, {
            tenantId: ctx.tenantId, accountId: d.accountId, memberId: d.memberId, storeId: d.joinStoreId, expiresAt: d.expiresAt, points: d.points,
            channel: 'sms', status: v.status, reason: v.reason, createdAt: now,
          });
          if (!notice) return false;
          if (v.status === 'queued' && phone) {
            const text = expiryNoticeText({ brand, name: names.get(d.customerId) ?? null, points: d.points, expiresAt: d.expiresAt });
            const msg = await sendMessage(ctx, tx, { channel: 'sms', to: phone, text, customerId: d.customerId, purpose: 'points_expiry' });
            await repo.setNoticeMessage(tx, ctx.tenantId, notice.id, msg.id);
          }
          return true;
        });
        progress = true;
        if (made) out[v.status]++;
      } catch (err) {
        // One account's failure does not hold up the others; the job fails at the end and its retry picks it up.
        failed.add(keyOf(d));
        out.failed++;
        firstError ??= err;
      }
    }
    if (!progress || fetched.length < BATCH) break;
  }
  if (firstError) throw firstError;
  return out;
}

const toNoticeDto = (n: repo.NoticeRowWithNumber): ExpiryNoticeDto => ({
  id: n.id, memberId: n.memberId, memberNumber: n.memberNumber, accountId: n.accountId, expiresAt: n.expiresAt.toISOString(), points: n.points,
  channel: n.channel, status: n.status, reason: n.reason, messageId: n.messageId, createdAt: n.createdAt.toISOString(),
});

/** Notices of the caller's members (by join store), newest first. */
export async function listNotices(ctx: Ctx, q: z.output<typeof ExpiryNoticeListQuery>) {
  const page = await repo.noticePage(ctx.db, repo.noticeListWhere(ctx, q), q.limit, decodeCursor(q.cursor));
  return { items: page.rows.map(toNoticeDto), nextCursor: page.nextCursor };
}
