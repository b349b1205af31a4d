import type { z } from 'zod';
import { CreateLeadForm, type LeadFormDto, type LeadSource, type UpdateLeadForm } from '@jiake/shared';
import type { DbOrTx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { invalid, issue } from '../../platform/http/errors.ts';
import { deleteScoped, insertScoped, updateScoped } from '../../platform/db/scoped.ts';
import { randomToken } from '../../platform/auth/password.ts';
import { readTogether } from '../../platform/db/read-together.ts';
import * as repo from './forms.repository.ts';
import { parseInput } from './parse-input.ts';
import { unitsExist } from './assignment.repository.ts';

/** A form's public key: 16 random bytes, URL-safe (22 characters). */
export const newFormKey = () => randomToken(16);

const toDto = (f: repo.FormRow, storeName: string | null, stats: { n: number; last: Date | null } | undefined): LeadFormDto => ({
  id: f.id, name: f.name, key: f.key, enabled: f.enabled, defaultStoreId: f.defaultStoreId, defaultStoreName: storeName,
  source: f.source as LeadSource, campaign: f.campaign, allowedOrigins: f.allowedOrigins, submissions: stats?.n ?? 0,
  lastSubmissionAt: stats?.last?.toISOString() ?? null, createdAt: f.createdAt.toISOString(), updatedAt: f.updatedAt.toISOString(),
});

/** The tenant's web forms with the leads each made (the posts of the last 30 days are kept). */
export async function listForms(ctx: Ctx, db: DbOrTx = ctx.db) {
  const [rows, stats] = await readTogether(db, [() => repo.listForms(db, ctx.tenantId), () => repo.formStats(db, ctx.tenantId)]);
  return { items: rows.map((r) => toDto(r.form, r.storeName, stats.get(r.form.id))) };
}

async function formDto(ctx: Ctx, tx: DbOrTx, id: string) {
  return (await listForms(ctx, tx)).items.find((f) => f.id === id)!;
}

async function checkStore(ctx: Ctx, tx: DbOrTx, storeId: string | null | undefined) {
  if (storeId && !(await unitsExist(tx, ctx.tenantId, [storeId])).has(storeId)) throw invalid([issue('body.defaultStoreId', 'not_found', 'store not found')]);
}

export async function createForm(ctx: Ctx, raw: z.input<typeof CreateLeadForm>) {
  const input = parseInput(CreateLeadForm, raw);
  return ctx.db.transaction(async (tx) => {
    await checkStore(ctx, tx, input.defaultStoreId);
    const row = await insertScoped<repo.FormRow>(ctx, tx, repo.formFence, {
      ...input, defaultStoreId: input.defaultStoreId ?? null, key: newFormKey(), createdAt: ctx.now(), updatedAt: ctx.now(),
    });
    return formDto(ctx, tx, row.id);
  });
}

export async function updateForm(ctx: Ctx, id: string, input: z.infer<typeof UpdateLeadForm>) {
  return ctx.db.transaction(async (tx) => {
    await checkStore(ctx, tx, input.defaultStoreId);
    await updateScoped(ctx, tx, repo.formFence, id, input);
    return formDto(ctx, tx, id);
  });
}

/** A new key: the old address stops working at once (a key leaked to spammers). */
export async function rotateFormKey(ctx: Ctx, id: string) {
  return ctx.db.transaction(async (tx) => {
    await updateScoped(ctx, tx, repo.formFence, id, { key: newFormKey() }, { action: 'leadForm.keyRotated' });
    return formDto(ctx, tx, id);
  });
}

export async function deleteForm(ctx: Ctx, id: string) {
  await ctx.db.transaction((tx) => deleteScoped(ctx, tx, repo.formFence, id));
}
