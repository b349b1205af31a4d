import type { z } from 'zod';
import { CreateCustomer, STYLES, type ConvertLead, type CUSTOMER_SOURCES, type LeadNeedsDto } from '@jiake/shared';
import type { DbOrTx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { updateScoped } from '../../platform/db/scoped.ts';
import { createCustomerInTx, isCustomerVisible } from '../customers/index.ts';
import { createOpportunityInTx } from '../opportunities/index.ts';
import * as repo from './leads.repository.ts';
import { needsOut, toLeadDetail } from './leads.dto.ts';

type CustomerSource = (typeof CUSTOMER_SOURCES)[number];
const SOURCE_TO_CUSTOMER: Record<string, CustomerSource> = {
  store_walk_in: 'walkIn', phone: 'phone', website: 'website', designer_referral: 'designer', partner_referral: 'partner',
  campaign: 'campaign', exhibition: 'exhibition', customer_referral: 'referral',
};
const STAGE_TO_CUSTOMER = { new_home: 'newHome', addition: 'addition' } as const;
const customerStyles = new Set<string>(STYLES);

/** The customer's home profile (家居档案) from the lead's needs: what the two share. */
export function homeProfileFrom(n: LeadNeedsDto) {
  return {
    houseType: n.houseType,
    areaSqm: n.areaSqm,
    rooms: n.rooms,
    stage: n.homeStage && n.homeStage in STAGE_TO_CUSTOMER ? STAGE_TO_CUSTOMER[n.homeStage as keyof typeof STAGE_TO_CUSTOMER] : null,
    styles: n.styles.filter((s): s is (typeof STYLES)[number] => customerStyles.has(s)),
    budgetBand: n.budgetBand,
    moveInDate: n.deliveryDate,
    currentFurniture: [],
    notes: n.currentLayout,
  };
}

/** The new customer: the lead's person, phones, address and needs, with what the request changes. */
function newCustomer(lead: repo.LeadRow, input: z.infer<typeof ConvertLead>) {
  const c = input.customer ?? {};
  const pick = <K extends keyof typeof c>(k: K, fallback: (typeof c)[K]) => (c[k] !== undefined ? c[k] : fallback);
  return CreateCustomer.parse({
    kind: 'person',
    name: pick('name', lead.name),
    phones: pick('phones', lead.phones),
    gender: pick('gender', lead.gender as never),
    wechat: pick('wechat', lead.wechat),
    provinceCode: pick('provinceCode', lead.provinceCode),
    cityCode: pick('cityCode', lead.cityCode),
    districtCode: pick('districtCode', lead.districtCode),
    address: pick('address', lead.address),
    source: SOURCE_TO_CUSTOMER[lead.source] ?? 'other',
    referrer: lead.sourceDetail.referrerName ?? null,
    storeId: lead.storeId,
    ownerId: lead.assigneeId ?? undefined,
    homeProfile: homeProfileFrom(needsOut(lead.needs)),
    notes: lead.notes,
    ignoreDuplicates: input.ignoreDuplicates,
  });
}

async function customerFor(ctx: Ctx, tx: DbOrTx, lead: repo.LeadRow, input: z.infer<typeof ConvertLead>) {
  if (input.customerId) {
    if (!(await isCustomerVisible(ctx, input.customerId))) throw notFound('customer');
    return { id: input.customerId, created: false };
  }
  const c = await createCustomerInTx(ctx, tx, newCustomer(lead, input));
  return { id: c.id, created: true };
}

/**
 * Convert a lead (LEAD-4) in one transaction: reuse a customer the caller can see, or create one prefilled from the
 * lead (409 duplicate_suspected with the candidates, unless the request names the customer to reuse or says
 * ignoreDuplicates); optionally open an opportunity for it; the lead becomes `converted` with both ids. Only open
 * leads convert; a converted lead answers 409.
 */
export async function convertLead(ctx: Ctx, id: string, input: z.infer<typeof ConvertLead>) {
  const out = await ctx.db.transaction(async (tx) => {
    const lead = await repo.lockVisible(ctx, tx, id);
    if (lead.status === 'converted') throw new AppError('conflict', 'the lead is already converted', { params: { reason: 'converted' } });
    if (lead.status !== 'new' && lead.status !== 'following') throw new AppError('conflict', `a ${lead.status} lead must be reopened first`, { params: { reason: lead.status } });
    const customer = await customerFor(ctx, tx, lead, input);
    const opportunity = input.opportunity
      ? await createOpportunityInTx(ctx, tx, {
          customerId: customer.id,
          leadId: lead.id,
          name: input.opportunity.name,
          amountFen: input.opportunity.amountFen,
          expectedCloseDate: input.opportunity.expectedCloseDate ?? null,
          ownerId: lead.assigneeId ?? undefined,
          storeId: lead.storeId ?? undefined,
        })
      : null;
    const now = ctx.now();
    await updateScoped(
      ctx,
      tx,
      repo.leadFence,
      id,
      { status: 'converted', convertedCustomerId: customer.id, convertedOpportunityId: opportunity?.id ?? null, convertedAt: now, firstContactAt: lead.firstContactAt ?? now },
      { action: 'lead.converted', meta: { customerId: customer.id, customerCreated: customer.created, opportunityId: opportunity?.id ?? null } },
    );
    return { customer, opportunityId: opportunity?.id ?? null };
  });
  const row = await repo.findInTenant(ctx.db, ctx.tenantId, id);
  return { lead: await toLeadDetail(ctx, row!), customerId: out.customer.id, customerCreated: out.customer.created, opportunityId: out.opportunityId };
}
