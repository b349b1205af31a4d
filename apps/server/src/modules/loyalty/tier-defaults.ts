import { createHash } from 'node:crypto';
import type { TierBenefitsDto } from '@jiake/shared';

/**
 * The tiers a tenant starts with, after the four-tier member club of seed 004 (普通会员, VIP贵宾会员, VIP贵宾健康之星会员,
 * VIP贵宾健康天使会员: "消费者持卡消费……累计满 XX 元……升为 VIP 贵宾会员"), with furniture-store benefits. Every name,
 * threshold and benefit is the tenant's to change (PUT /api/v1/loyalty/tiers).
 */
export interface TierSeed {
  code: string;
  name: string;
  thresholdFen: number;
  benefits: TierBenefitsDto;
}

export const DEFAULT_TIERS: readonly TierSeed[] = [
  { code: 'regular', name: '普通会员', thresholdFen: 0, benefits: { discountPercent: 0, freeServices: ['会员活动邀请', '家居保养知识月报'], birthdayGift: null } },
  {
    code: 'vip', name: 'VIP贵宾会员', thresholdFen: 2_000_000,
    benefits: { discountPercent: 2, freeServices: ['免费上门测量', '每年一次家具保养'], birthdayGift: '生日礼品一份' },
  },
  {
    code: 'star', name: 'VIP贵宾健康之星会员', thresholdFen: 5_000_000,
    benefits: { discountPercent: 5, freeServices: ['免费上门测量', '免费送货安装', '每年两次家具保养'], birthdayGift: '生日礼品一份' },
  },
  {
    code: 'angel', name: 'VIP贵宾健康天使会员', thresholdFen: 10_000_000,
    benefits: { discountPercent: 8, freeServices: ['免费上门测量', '免费送货安装', '每年四次家具保养', '专属家居顾问', '旧家具免费清运'], birthdayGift: '精选生日礼品一份' },
  },
];

/**
 * The id of a default tier: a name-based UUID (version 5 layout, SHA-1 of the tenant and the code), so the defaults
 * a read shows before anything is stored keep their ids once they are stored.
 */
export function defaultTierId(tenantId: string, code: string): string {
  const h = createHash('sha1').update(`jiake:loyalty-tier:${tenantId}:${code}`).digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}
