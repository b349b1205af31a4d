import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { CreateLead, LEAD_FORM_HONEYPOT, type PublicLeadSubmission } from '@jiake/shared';
import type { AppDeps } from '../../app.ts';
import { AppError, invalid, issue, notFound } from '../../platform/http/errors.ts';
import { publicCtx } from '../../platform/http/public-ctx.ts';
import { enforceWindows } from '../../platform/http/rate-limit.ts';
import { normalisePhone } from '../../platform/phone.ts';
import { readTogether } from '../../platform/db/read-together.ts';
import * as repo from './forms.repository.ts';
import { captureLead } from './capture-lead.ts';
import { parseInput } from './parse-input.ts';

/** Per client address and form: five posts a minute, thirty an hour. */
export const POSTS_PER_MINUTE = 5;
export const POSTS_PER_HOUR = 30;
/** A lead form is a few fields: anything bigger is refused before it is read (413). */
export const FORM_BODY_LIMIT = 16 * 1024;
const MINUTE = 60_000;
const HOUR = 3_600_000;

type Found = NonNullable<Awaited<ReturnType<typeof repo.formByAddress>>>;
interface Admitted extends Found {
  postId: string;
}
const admitted = new WeakMap<FastifyRequest, Admitted>();

const honeypotFilled = (body: unknown) => {
  const v = body && typeof body === 'object' ? (body as Record<string, unknown>)[LEAD_FORM_HONEYPOT] : undefined;
  return v !== undefined && v !== null && String(v).trim() !== '';
};

/** The form of a public address, enabled; anything else is 404 (an unknown tenant, key or a disabled form look alike). */
async function findForm(deps: AppDeps, params: unknown): Promise<Found> {
  const p = (params ?? {}) as Record<string, unknown>;
  const code = typeof p.tenantCode === 'string' ? p.tenantCode : '';
  const key = typeof p.formKey === 'string' ? p.formKey : '';
  if (!code || !key || code.length > 64 || key.length > 64) throw notFound('leadForm');
  const found = await repo.formByAddress(deps.db.db, code, key);
  if (!found || !found.form.enabled) throw notFound('leadForm');
  return found;
}

/**
 * CORS of a form: a browser on a site the form does not allow is refused (403); an allowed site (any site when the form
 * names none) may read the answer. Callers without an Origin (a server posting for its site, curl) pass.
 */
function allowOrigin(form: Found['form'], req: FastifyRequest, reply: FastifyReply) {
  const origin = typeof req.headers.origin === 'string' ? req.headers.origin : null;
  reply.header('vary', 'origin');
  if (!form.allowedOrigins.length) {
    reply.header('access-control-allow-origin', '*');
    return;
  }
  if (!origin) return;
  if (!form.allowedOrigins.includes(origin)) throw new AppError('forbidden', 'this form does not accept posts from this site');
  reply.header('access-control-allow-origin', origin);
}

/** The browser's preflight before a cross-site JSON post. */
export async function preflight(deps: AppDeps, req: FastifyRequest, reply: FastifyReply) {
  const { form } = await findForm(deps, req.params);
  allowOrigin(form, req, reply);
  reply.header('access-control-allow-methods', 'POST, OPTIONS');
  reply.header('access-control-allow-headers', 'content-type');
  reply.header('access-control-max-age', '600');
  return reply.status(204).send();
}

/**
 * Before the body is validated: the form exists and is enabled (404), the site may post (403), the client address is
 * within its limits (429 with Retry-After; every post counts, a bad one too). A filled honeypot is answered like a
 * success and stores nothing but the count.
 */
export async function admit(deps: AppDeps, req: FastifyRequest, reply: FastifyReply) {
  const found = await findForm(deps, req.params);
  allowOrigin(found.form, req, reply);
  const ip = req.ip ?? 'unknown';
  const now = deps.now();
  const trap = honeypotFilled(req.body);
  const postId = await deps.db.db.transaction(async (tx) => {
    await repo.lockSubmitter(tx, found.form.id, ip);
    const [minute, hour] = await readTogether(tx, [
      () => repo.postsSince(tx, found.form.id, ip, new Date(now.getTime() - MINUTE)),
      () => repo.postsSince(tx, found.form.id, ip, new Date(now.getTime() - HOUR)),
    ]);
    enforceWindows(now.getTime(), [
      { limit: POSTS_PER_MINUTE, windowMs: MINUTE, count: minute, message: 'too many posts from this address: wait a minute' },
      { limit: POSTS_PER_HOUR, windowMs: HOUR, count: hour, message: 'too many posts from this address this hour' },
    ]);
    return repo.insertPost(tx, { tenantId: found.tenant.id, formId: found.form.id, ip, outcome: trap ? 'honeypot' : 'received', createdAt: now });
  });
  if (trap) return reply.status(201).send({ ok: true, receivedAt: now.toISOString() });
  admitted.set(req, { ...found, postId });
}

/**
 * A website visitor's request (LEAD-1): the lead goes through the same capture as a lead entered by staff (rules,
 * duplicates, the assignee's notification), with the form's source, campaign and default store; the trail names the form.
 */
export async function submit(deps: AppDeps, req: FastifyRequest, body: z.infer<typeof PublicLeadSubmission>) {
  const found = admitted.get(req);
  if (!found) throw notFound('leadForm');
  const { form, tenant, postId } = found;
  if (!normalisePhone(body.phone)) throw invalid([issue('body.phone', 'invalid_phone', 'not a valid phone number')]);
  const input = parseInput(CreateLead, {
    name: body.name,
    phones: [body.phone],
    gender: body.gender ?? null,
    wechat: body.wechat ?? null,
    provinceCode: body.provinceCode ?? null,
    cityCode: body.cityCode ?? null,
    districtCode: body.districtCode ?? null,
    address: body.address ?? null,
    notes: body.message ?? null,
    source: form.source,
    sourceDetail: { campaign: body.campaign ?? form.campaign ?? null },
    storeId: form.defaultStoreId,
    needs: {
      rooms: body.rooms ?? [], styles: body.styles ?? [], productTags: body.products ?? [], houseType: body.houseType ?? null,
      homeStage: body.homeStage ?? null, budgetBand: body.budgetBand ?? null, areaSqm: body.areaSqm ?? null,
    },
  });
  const ctx = publicCtx(deps.db.db, deps.now, tenant.id, req, `web form ${form.name}`);
  const lead = await captureLead(ctx, input, { sourceDetail: { formId: form.id, formName: form.name } });
  await repo.markCreated(deps.db.db, tenant.id, postId, lead.id);
  return { ok: true as const, receivedAt: ctx.now().toISOString() };
}
