import type { ActivitySubjectType } from '@jiake/shared';
import type { DbOrTx } from '../../platform/db/client.ts';
import { fieldAccess, type Ctx } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { getCustomer, isCustomerVisible } from '../customers/index.ts';
import { isLeadVisible, leadBrief, touchLeadActivity } from '../leads/index.ts';
import { isOpportunityVisible, opportunityBrief, touchOpportunityActivity } from '../opportunities/index.ts';

/**
 * What activities need of their subjects, through the leads, opportunities and customers modules' public surfaces:
 * whether the caller sees the subject (its store and name when it does), and the "activity logged" touch.
 */
export interface Subject {
  type: ActivitySubjectType;
  id: string;
  name: string;
  storeId: string | null;
}

/** The subject as the caller sees it, or null when the caller may not see it (or it does not exist). */
export async function visibleSubject(ctx: Ctx, db: DbOrTx, type: ActivitySubjectType, id: string): Promise<Subject | null> {
  if (type === 'lead') {
    const l = await leadBrief(ctx, db, id);
    return l ? { type, id, name: l.name, storeId: l.storeId } : null;
  }
  if (type === 'opportunity') {
    const o = await opportunityBrief(ctx, db, id);
    return o ? { type, id, name: o.name, storeId: o.storeId } : null;
  }
  try {
    const c = await getCustomer(ctx, id);
    return { type, id, name: c.name, storeId: c.storeId };
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found') return null;
    throw err;
  }
}

export function isSubjectVisible(ctx: Ctx, type: ActivitySubjectType, id: string): Promise<boolean> {
  if (type === 'lead') return isLeadVisible(ctx, id);
  if (type === 'opportunity') return isOpportunityVisible(ctx, id);
  return isCustomerVisible(ctx, id);
}

/** An activity was written on the subject at `at`: leads and opportunities keep their last activity (stalled pipeline). */
export async function touchSubject(tx: DbOrTx, tenantId: string, type: ActivitySubjectType, id: string, at: Date): Promise<void> {
  if (type === 'lead') await touchLeadActivity(tx, tenantId, id, at);
  else if (type === 'opportunity') await touchOpportunityActivity(tx, tenantId, id, at);
}

/** The web page of a subject. */
export const subjectLink = (type: ActivitySubjectType, id: string) =>
  type === 'lead' ? `/leads/${id}` : type === 'opportunity' ? `/opportunities/${id}` : `/customers/${id}`;

/** A customer's name is shown unless the caller's field rules hide customer names. */
export const subjectNameFor = (ctx: Ctx, type: ActivitySubjectType, name: string | null) =>
  type === 'customer' && fieldAccess(ctx, 'customer', 'name') === 'hidden' ? null : name;
