/**
 * The SMS telling a member that points are about to expire (sent in Chinese: the members' language; the brand's
 * name as the SMS signature). `expiresAt` is the instant the points stop being usable, a Shanghai midnight, so the
 * last usable day is the Shanghai day before it.
 */

const SHANGHAI_MS = 8 * 3_600_000;

/** The last Shanghai calendar day on which points expiring at `expiresAt` can still be used: 2027年12月31日. */
export function lastUsableDay(expiresAt: Date): string {
  const d = new Date(expiresAt.getTime() + SHANGHAI_MS - 1);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

export function expiryNoticeText(n: { brand: string; name: string | null; points: number; expiresAt: Date }): string {
  const who = n.name ? `${n.name}会员` : '会员';
  return `【${n.brand}】尊敬的${who}，您有 ${n.points} 积分将于 ${lastUsableDay(n.expiresAt)} 后过期，请及时到店兑换礼品或抵扣货款。回T退订`;
}
