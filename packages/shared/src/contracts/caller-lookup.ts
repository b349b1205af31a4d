import { z } from 'zod';
import { VisibleCustomer } from './customers.ts';
import { OrderSummary } from './orders.ts';
import { REQUEST_STATUSES, REQUEST_TYPES } from './requests.ts';

/** Caller lookup for telephony systems (SVC-8): who is calling, their open requests and recent orders. */
export const CallerLookupQuery = z.object({
  /** Any common format: "+86 138-1234-5678", "0086 13812345678", "138 1234 5678", "(010) 6552-1234". */
  phone: z.string().trim().min(3).max(40),
});

export const CallerRequest = z.object({
  id: z.string(),
  number: z.string(),
  type: z.enum(REQUEST_TYPES),
  status: z.enum(REQUEST_STATUSES),
  priority: z.string(),
  subject: z.string(),
  storeName: z.string().nullable(),
  assigneeName: z.string().nullable(),
  /** An SLA due time has passed. */
  breached: z.boolean(),
  createdAt: z.string(),
});

export const CallerMatch = z.object({
  /** The customer card after the caller's field rules (hidden fields absent, phones masked without the reveal right). */
  customer: VisibleCustomer,
  /** Null when the caller may not read requests (requests:view). */
  openRequests: z.array(CallerRequest).nullable(),
  /** Null when the caller may not read orders (orders:view). */
  recentOrders: z.array(OrderSummary).nullable(),
});

export const CallerLookupResult = z.object({
  /** The number as understood (E.164). */
  phone: z.string(),
  /** Customers reached at this number (their own or a contact's), most recently changed first. */
  matches: z.array(CallerMatch),
});
export type CallerLookupResultDto = z.infer<typeof CallerLookupResult>;
