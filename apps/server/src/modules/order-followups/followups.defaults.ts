import type { FollowupAnchor, FollowupOwnerRule } from '@jiake/shared';

/** A step template as the generator uses it (a tenant's row or a built-in default). */
export interface StepTemplate {
  key: string;
  name: string;
  anchor: FollowupAnchor;
  offsetDays: number;
  timeOfDay: string | null;
  ownerRule: FollowupOwnerRule;
  ownerUserId: string | null;
  message: string | null;
  needsSatisfaction: boolean;
  enabled: boolean;
  position: number;
}

/**
 * The steps of a paid order when the tenant has not set its own list (seed 003 客户订单管理: 订单确认、订单答谢、
 * 送货预约、送货提醒、送货回访, plus installation). Messages are ready to send by text or WeChat.
 */
export const DEFAULT_TEMPLATES: StepTemplate[] = [
  {
    key: 'confirm',
    name: '订单确认',
    anchor: 'paid',
    offsetDays: 0,
    timeOfDay: null,
    ownerRule: 'salesperson',
    ownerUserId: null,
    message: '{客户姓名}您好，您在{门店}的订单{订单号}已确认，我们会尽快为您安排生产和送货。如有任何问题请随时联系我。',
    needsSatisfaction: false,
    enabled: true,
    position: 1,
  },
  {
    key: 'thanks',
    name: '订单答谢',
    anchor: 'paid',
    offsetDays: 1,
    timeOfDay: null,
    ownerRule: 'salesperson',
    ownerUserId: null,
    message: '{客户姓名}您好，感谢您选择{门店}！您的订单{订单号}我们会全程跟进，祝您生活愉快。',
    needsSatisfaction: false,
    enabled: true,
    position: 2,
  },
  {
    key: 'delivery_appointment',
    name: '送货预约',
    anchor: 'paid',
    offsetDays: 2,
    timeOfDay: null,
    ownerRule: 'salesperson',
    ownerUserId: null,
    message: '{客户姓名}您好，您的订单{订单号}即将安排送货，请问您方便的送货日期和时间是？',
    needsSatisfaction: false,
    enabled: true,
    position: 3,
  },
  {
    key: 'delivery_reminder',
    name: '送货提醒',
    anchor: 'deliveryDate',
    offsetDays: -1,
    timeOfDay: '10:00',
    ownerRule: 'salesperson',
    ownerUserId: null,
    message: '{客户姓名}您好，您的订单{订单号}将于{送货日期}送货上门，请预留时间并保持电话畅通。',
    needsSatisfaction: false,
    enabled: true,
    position: 4,
  },
  {
    key: 'installation',
    name: '安装',
    anchor: 'deliveryDate',
    offsetDays: 0,
    timeOfDay: null,
    ownerRule: 'salesperson',
    ownerUserId: null,
    message: null,
    needsSatisfaction: false,
    enabled: true,
    position: 5,
  },
  {
    key: 'post_delivery_visit',
    name: '送货回访',
    anchor: 'delivered',
    offsetDays: 3,
    timeOfDay: null,
    ownerRule: 'salesperson',
    ownerUserId: null,
    message: '{客户姓名}您好，您在{门店}购买的家具已送达几天了，使用还满意吗？请为我们的送货安装服务打个分（1–5 分），有任何问题随时告诉我。',
    needsSatisfaction: true,
    enabled: true,
    position: 6,
  },
];
