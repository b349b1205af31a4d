import type { FollowupTemplateListDto, UpdateFollowupTemplatesInput } from '@jiake/shared';
import type { Ctx } from '../../platform/http/context.ts';
import type { DbOrTx } from '../../platform/db/client.ts';
import { invalid, issue } from '../../platform/http/errors.ts';
import { diff } from '../../platform/audit/audit.writer.ts';
import * as repo from './followups.repository.ts';
import { DEFAULT_TEMPLATES, type StepTemplate } from './followups.defaults.ts';

/** Step templates per tenant: the tenant's own list, or the defaults while it has none. */

/** The templates that apply to a tenant now (enabled or not), in order. */
export async function effectiveTemplates(db: DbOrTx, tenantId: string): Promise<{ items: (StepTemplate & { ownerUserName: string | null })[]; customised: boolean }> {
  const own = await repo.tenantTemplates(db, tenantId);
  const rows = own.length ? own : DEFAULT_TEMPLATES.map((t) => ({ ...t, ownerUserName: null }));
  return { items: rows.map((r) => ({ ...templateOf(r), ownerUserName: r.ownerUserName })), customised: own.length > 0 };
}

/** Only the template's own fields (no row id, tenant or timestamps). */
function templateOf(t: StepTemplate): StepTemplate {
  return {
    key: t.key, name: t.name, anchor: t.anchor, offsetDays: t.offsetDays, timeOfDay: t.timeOfDay, ownerRule: t.ownerRule,
    ownerUserId: t.ownerUserId, message: t.message, needsSatisfaction: t.needsSatisfaction, enabled: t.enabled, position: t.position,
  };
}

const AUDIT_ENTITY = 'followupTemplates';
const toAudit = (items: StepTemplate[]) => ({ items: items.map(templateOf) });

export async function listTemplates(ctx: Ctx): Promise<FollowupTemplateListDto> {
  return effectiveTemplates(ctx.db, ctx.tenantId);
}

/**
 * Store the tenant's list (`items`; none: back to the defaults) in one transaction, serialised per tenant, with one
 * audit row holding the list before and after.
 */
async function writeTemplates(ctx: Ctx, tx: DbOrTx, items: StepTemplate[], action: string) {
  await repo.lockTemplates(tx, ctx.tenantId);
  const before = await effectiveTemplates(tx, ctx.tenantId);
  await repo.replaceTemplates(tx, ctx.tenantId, items, ctx.now());
  await ctx.audit.record(tx, {
    action,
    entityType: AUDIT_ENTITY,
    entityId: null,
    changes: diff(toAudit(before.items), toAudit(items.length ? items : DEFAULT_TEMPLATES)),
    meta: { customisedBefore: before.customised },
  });
}

/** Replace the tenant's step list. Steps already generated keep what they were made with. */
export async function updateTemplates(ctx: Ctx, input: UpdateFollowupTemplatesInput): Promise<FollowupTemplateListDto> {
  const items: StepTemplate[] = input.items.map((t, i) => ({ ...t, ownerUserId: t.ownerRule === 'user' ? t.ownerUserId : null, position: i + 1 }));
  await ctx.db.transaction(async (tx) => {
    const issues = [];
    for (const [i, t] of items.entries()) {
      if (t.ownerUserId && !(await repo.activeUserExists(tx, ctx.tenantId, t.ownerUserId))) {
        issues.push(issue(`body.items.${i}.ownerUserId`, 'not_found', 'no active user with this id'));
      }
    }
    if (!items.some((t) => t.enabled)) issues.push(issue('body.items', 'none_enabled', 'enable at least one step'));
    if (issues.length) throw invalid(issues);
    await writeTemplates(ctx, tx, items, 'followupTemplates.updated');
  });
  return listTemplates(ctx);
}

/** Back to the built-in defaults (the tenant's own list is removed, kept in the audit row). */
export async function resetTemplates(ctx: Ctx): Promise<FollowupTemplateListDto> {
  await ctx.db.transaction((tx) => writeTemplates(ctx, tx, [], 'followupTemplates.reset'));
  return listTemplates(ctx);
}
