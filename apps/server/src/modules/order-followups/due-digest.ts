import type { Ctx } from '../../platform/http/context.ts';
import { sendMessage } from '../../platform/messaging/messaging.service.ts';
import * as repo from './followups.repository.ts';
import { dayStart, localDate } from './followups.schedule.ts';

/**
 * The morning digest (cron `followups.dueDigest`, 09:00 Asia/Shanghai): every owner with steps overdue or due today,
 * and an e-mail address, gets one e-mail listing them — so nobody has to open the work list to know the day's calls.
 * Once per owner and day (followup_digests), also when the job runs again.
 */
export const DUE_DIGEST_CRON = 'followups.dueDigest';
const LISTED = 20;

const dateTime = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
const due = (l: repo.DigestLine) => (l.allDay ? localDate(l.dueAt) : dateTime.format(l.dueAt));

function digestText(lines: repo.DigestLine[], now: Date) {
  const [first] = lines;
  const listed = (l: repo.DigestLine) => `· ${l.stepName}｜${l.customerName ?? '—'}｜订单 ${l.orderNo}｜${l.dueAt < now ? '应于' : '到期'} ${due(l)}`;
  const overdue = lines.filter((l) => l.dueAt < now);
  const today = lines.filter((l) => l.dueAt >= now);
  const more = first.dueToday + first.overdue - lines.length;
  return {
    subject: `【售后跟进】今日到期 ${first.dueToday} 项，逾期 ${first.overdue} 项`,
    text: [
      `${first.ownerName}，您好！`,
      '',
      `截至 ${dateTime.format(now)}，您有以下售后跟进步骤待处理：`,
      ...(overdue.length ? ['', `已逾期（${first.overdue} 项）：`, ...overdue.map(listed)] : []),
      ...(today.length ? ['', `今日到期（${first.dueToday} 项）：`, ...today.map(listed)] : []),
      ...(more > 0 ? ['', `另有 ${more} 项未列出。`] : []),
      '',
      '请登录家客，在「订单与售后 → 售后跟进」中处理。',
    ].join('\n'),
  };
}

export async function sendDueDigests(ctx: Ctx, now: Date) {
  const lines = await repo.digestLines(ctx.db, ctx.tenantId, now, dayStart(now, 1), LISTED);
  const byOwner = new Map<string, repo.DigestLine[]>();
  for (const l of lines) byOwner.set(l.ownerId, [...(byOwner.get(l.ownerId) ?? []), l]);
  let sent = 0;
  for (const [ownerId, mine] of byOwner) {
    await ctx.db.transaction(async (tx) => {
      const digestId = await repo.claimDigest(tx, {
        tenantId: ctx.tenantId, userId: ownerId, day: localDate(now), dueToday: mine[0].dueToday, overdue: mine[0].overdue, createdAt: now,
      });
      if (!digestId) return;
      const { subject, text } = digestText(mine, now);
      const msg = await sendMessage(ctx, tx, { channel: 'email', to: mine[0].email, subject, text, purpose: 'followup_digest' });
      await repo.setDigestMessage(tx, digestId, msg.id);
      sent++;
    });
  }
  return { owners: byOwner.size, sent };
}
