import type { Db, Tx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { notify } from '../../platform/notifications/notify.ts';
import { normaliseRecipient, sendMessage } from '../../platform/messaging/messaging.service.ts';
import { systemCtx } from '../../platform/jobs/system-ctx.ts';
import { getCustomer } from '../customers/index.ts';
import { currentConsents, type MemberRow } from './members.repository.ts';
import * as recipients from './tier-recipients.repository.ts';
import type { ChangeRow } from './tier-members.repository.ts';
import type { TierRow } from './tiers.repository.ts';

/**
 * Telling people about a change of tier (LOY-5), in the transaction of the change:
 *  - an inbox notification to whoever looks after the member: the customer's owner (their salesperson) while an active
 *    user, else the managers of the member's join store (active users there holding loyalty:adjust) — nobody is told of
 *    a change they made themselves;
 *  - a text to the member through the messaging outbox (a durable job sends it), only when the member consented to
 *    SMS, the programme texts tier changes, and the customer has a number that takes texts.
 * Keyed by the change: one change notifies once.
 */

export interface Announced {
  member: MemberRow;
  change: ChangeRow;
  from: TierRow;
  to: TierRow;
  smsOnChange: boolean;
}

const CN_MOBILE = /^\+861\d{10}$/;
/** A number that takes texts: a Chinese mobile, or any number abroad (a Chinese landline does not). */
const textable = (phones: readonly string[]) =>
  phones.map((p) => normaliseRecipient('sms', p)).find((e164): e164 is string => !!e164 && (CN_MOBILE.test(e164) || !e164.startsWith('+86')));

/** "9.5 折" for 5 % off; null without a discount. */
const discountText = (percent: number) => (percent > 0 ? `${(100 - percent) / 10} 折` : null);

function smsText(brand: string, from: TierRow, to: TierRow, up: boolean): string {
  const sign = brand ? `【${brand}】` : '';
  if (!up) return `${sign}尊敬的会员，您的会员等级已调整为「${to.name}」。继续消费即可再次升级，详情请咨询门店。`;
  const discount = discountText(to.benefits.discountPercent);
  return `${sign}尊敬的会员，恭喜您由「${from.name}」升级为「${to.name}」${discount ? `，购物可享 ${discount}` : ''}。更多会员权益请咨询门店，感谢您的支持！`;
}

export async function announceTierChange(ctx: Ctx, tx: Tx, a: Announced) {
  const { member, change, from, to } = a;
  const up = to.rank > from.rank;
  // The customer's owner and phones, whoever made the change (a subscriber, the review, a store manager).
  const lookup = systemCtx(tx as unknown as Db, ctx.tenantId, ctx.now, 'loyalty.tier');
  const customer = await getCustomer(lookup, member.customerId).catch((err) => {
    if (err instanceof AppError && err.code === 'not_found') return null;
    throw err;
  });
  const actorId = ctx.actor.kind === 'user' ? ctx.actor.id : null;
  const owner = customer?.ownerId && (await recipients.isActiveUser(tx, ctx.tenantId, customer.ownerId)) ? [customer.ownerId] : [];
  const staff = owner.length ? owner : member.joinStoreId ? await recipients.activeHoldersIn(tx, ctx.tenantId, member.joinStoreId, 'loyalty:adjust') : [];
  await notify(
    tx,
    ctx.tenantId,
    staff
      .filter((userId) => userId !== actorId)
      .map((userId) => ({
        userId,
        kind: up ? 'loyaltyTier.up' : 'loyaltyTier.down',
        params: { number: member.number, name: customer?.name ?? '', from: from.name, to: to.name },
        link: `/loyalty/members/${member.id}`,
        entityType: 'loyaltyMember',
        entityId: member.id,
        dedupeKey: `tier:${change.id}`,
      })),
    ctx.now(),
  );

  if (!a.smsOnChange || !customer) return;
  const sms = (await currentConsents(tx, ctx.tenantId, [member.id])).find((c) => c.channel === 'sms');
  if (!sms?.granted) return;
  const phone = textable(customer.phones);
  if (!phone) return;
  const brand = await recipients.tenantName(tx, ctx.tenantId);
  await sendMessage(ctx, tx, { channel: 'sms', to: phone, text: smsText(brand, from, to, up), customerId: customer.id, purpose: 'loyalty_tier' });
}
