import type { WorkSourceEntry } from './platform/work/work-items.ts';
import { leadWorkSource } from './modules/leads/index.ts';
import { activityWorkSource, proposalWorkSource } from './modules/sales-activities/index.ts';
import { followupWorkSource } from './modules/order-followups/index.ts';
import { requestWorkSource } from './modules/service-requests/index.ts';

/**
 * Every module's contribution to "my work today", listed so the graph stays visible: the permission a caller needs
 * for the source to be asked, and the section of the page its items go to (`tasks`: overdue / due today by the clock).
 */
export const WORK_SOURCES: Record<string, WorkSourceEntry> = {
  leads: { permission: 'leads:view', section: 'newLeads', load: leadWorkSource },
  activities: { permission: 'activities:view', section: 'tasks', load: activityWorkSource },
  proposals: { permission: 'activities:view', section: 'proposals', load: proposalWorkSource },
  followups: { permission: 'followups:view', section: 'tasks', load: followupWorkSource },
  requests: { permission: 'requests:view', section: 'requests', load: requestWorkSource },
};
