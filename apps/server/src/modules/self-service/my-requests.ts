import type { z } from 'zod';
import { CreateCustomer, OPEN_REQUEST_STATUSES, type PublicRequestDto, type SubmitSelfServiceRequest } from '@jiake/shared';
import type { AppDeps } from '../../app.ts';
import { invalid, issue, notFound } from '../../platform/http/errors.ts';
import { createCustomer, customersByContact } from '../customers/index.ts';
import { addCustomerReply, confirmByCustomer, createRequest, reopenByCustomer, requestProgressForCustomer } from '../service-requests/index.ts';
import * as repo from './self-service.repository.ts';
import type { SelfServiceCaller } from './self-service.context.ts';
import { tooMany } from './verification.ts';

/** A customer files at most 5 requests an hour and 20 a day through the page. */
export const SUBMISSIONS_PER_HOUR = 5;
export const SUBMISSIONS_PER_DAY = 20;
const HOUR = 3600_000;
const OPEN = OPEN_REQUEST_STATUSES as readonly string[];

const contactOf = (v: SelfServiceCaller) => (v.session.channel === 'sms' ? { e164: v.session.recipient } : { email: v.session.recipient });

/**
 * The customer of the session: the one linked at verification while it still has the verified phone or e-mail
 * (not merged away, deleted or changed), else the customer that has it now (staff may have added it meanwhile).
 */
export async function linkedCustomer(deps: AppDeps, v: SelfServiceCaller): Promise<string | null> {
  const found = await customersByContact(deps.db.db, v.tenant.id, contactOf(v), 5);
  if (v.session.customerId && found.some((c) => c.id === v.session.customerId)) return v.session.customerId;
  const id = found[0]?.id ?? null;
  if (id !== v.session.customerId) {
    await repo.updateSession(deps.db.db, v.session.id, { customerId: id });
    v.session.customerId = id;
  }
  return id;
}

/** The visitor's requests with their public progress, newest first; `open` keeps the unfinished ones. */
export async function myRequests(deps: AppDeps, v: SelfServiceCaller, opts: { open?: boolean } = {}): Promise<{ items: PublicRequestDto[] }> {
  const customerId = await linkedCustomer(deps, v);
  if (!customerId) return { items: [] };
  const items = await requestProgressForCustomer(deps.db.db, v.tenant.id, customerId);
  return { items: opts.open ? items.filter((r) => OPEN.includes(r.status)) : items };
}

export async function myRequest(deps: AppDeps, v: SelfServiceCaller, id: string): Promise<PublicRequestDto> {
  const found = (await myRequests(deps, v)).items.find((r) => r.id === id);
  if (!found) throw notFound('serviceRequest');
  return found;
}

async function checkRate(deps: AppDeps, tenantId: string, customerId: string) {
  const now = deps.now().getTime();
  const hour = await repo.submissionsSince(deps.db.db, tenantId, customerId, new Date(now - HOUR));
  if (hour.n >= SUBMISSIONS_PER_HOUR) throw tooMany('too many requests filed in the last hour', hour.first!.getTime() + HOUR, now);
  const day = await repo.submissionsSince(deps.db.db, tenantId, customerId, new Date(now - 24 * HOUR));
  if (day.n >= SUBMISSIONS_PER_DAY) throw tooMany('too many requests filed today', day.first!.getTime() + 24 * HOUR, now);
}

/**
 * File a request as the verified visitor (channel self_service) through the requests module, for the customer of
 * the verified phone or e-mail; without one, a new customer is made in the brand's head-office pool (no store, no
 * owner: the 公海 of HQ), which needs the visitor's name.
 */
export async function submitRequest(deps: AppDeps, v: SelfServiceCaller, input: z.infer<typeof SubmitSelfServiceRequest>): Promise<PublicRequestDto> {
  let customerId = await linkedCustomer(deps, v);
  if (customerId) await checkRate(deps, v.tenant.id, customerId);
  else {
    if (!input.name) throw invalid([issue('body.name', 'required', 'your name is needed for a first request')]);
    const sms = v.session.channel === 'sms';
    const customer = await createCustomer(
      v.ctx,
      CreateCustomer.parse({ kind: 'person', name: input.name, phones: sms ? [v.session.recipient] : [], email: sms ? null : v.session.recipient, source: 'website', ignoreDuplicates: true }),
    );
    customerId = customer.id;
    await repo.updateSession(deps.db.db, v.session.id, { customerId });
    v.session.customerId = customerId;
  }
  const created = await createRequest(v.ctx, {
    type: input.type,
    channel: 'self_service',
    subject: input.subject,
    description: input.description,
    customerId,
    contactName: input.name ?? null,
    contactPhone: v.session.channel === 'sms' ? v.session.recipient : null,
  });
  await repo.recordSubmission(deps.db.db, { tenantId: v.tenant.id, sessionId: v.session.id, customerId, requestId: created.id, at: deps.now() });
  return myRequest(deps, v, created.id);
}

/** The visitor's own request or 404 (a request of another customer, or of another tenant, is not there). */
async function ownCustomer(deps: AppDeps, v: SelfServiceCaller): Promise<string> {
  const customerId = await linkedCustomer(deps, v);
  if (!customerId) throw notFound('serviceRequest');
  return customerId;
}

export async function confirmMine(deps: AppDeps, v: SelfServiceCaller, id: string, input: { satisfaction: number; comment?: string | null }) {
  await confirmByCustomer(v.ctx, await ownCustomer(deps, v), id, input);
  return myRequest(deps, v, id);
}

export async function replyMine(deps: AppDeps, v: SelfServiceCaller, id: string, input: { body: string }) {
  await addCustomerReply(v.ctx, await ownCustomer(deps, v), id, input);
  return myRequest(deps, v, id);
}

export async function reopenMine(deps: AppDeps, v: SelfServiceCaller, id: string, input: { reason: string }) {
  await reopenByCustomer(v.ctx, await ownCustomer(deps, v), id, input);
  return myRequest(deps, v, id);
}
