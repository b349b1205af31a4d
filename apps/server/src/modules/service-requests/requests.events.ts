/**
 * Domain events of customer requests (outbox). Payloads are a contract: add fields, never rename or remove them.
 */
export const REQUEST_EVENTS = {
  created: 'request.created',
  assigned: 'request.assigned',
  escalated: 'request.escalated',
  resolved: 'request.resolved',
  closed: 'request.closed',
} as const;

interface RequestRef {
  [key: string]: unknown;
  requestId: string;
  requestNo: string;
  type: string;
  customerId: string | null;
  storeId: string | null;
  orderId: string | null;
}

export interface RequestEscalatedPayload extends RequestRef {
  /** 1 = the assignee's supervisor, 2 = one level up the org tree, … */
  level: number;
  breach: 'first_response' | 'resolution';
  fromUserId: string | null;
  toUserId: string | null;
}
