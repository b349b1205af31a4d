import type { Dict, Locale } from '../shared/i18n';
import commonZh from '../shared/i18n/locales/zh-CN';
import commonEn from '../shared/i18n/locales/en-US';
import appZh from './locales/zh-CN';
import appEn from './locales/en-US';
import { authEn, authZh } from '../modules/auth';
import { customersEn, customersZh } from '../modules/customers';
import { orgEn, orgZh } from '../modules/org';
import { usersEn, usersZh } from '../modules/users';
import { rolesEn, rolesZh } from '../modules/roles';
import { customFieldsEn, customFieldsZh } from '../modules/custom-fields';
import { apiKeysEn, apiKeysZh } from '../modules/api-keys';
import { auditEn, auditZh } from '../modules/audit';
import { eventsEn, eventsZh } from '../modules/events';
import { selfServiceEn, selfServiceZh } from '../modules/self-service';
import { knowledgeEn, knowledgeZh } from '../modules/knowledge';
import { requestsEn, requestsZh } from '../modules/service-requests';
import { followupsEn, followupsZh } from '../modules/order-followups';
import { ordersEn, ordersZh } from '../modules/orders';
import { catalogueEn, catalogueZh } from '../modules/catalogue';
import { leadsEn, leadsZh } from '../modules/leads';
import { activitiesEn, activitiesZh } from '../modules/sales-activities';
import { opportunitiesEn, opportunitiesZh } from '../modules/opportunities';
import { targetsEn, targetsZh } from '../modules/sales-targets';
import { workEn, workZh } from '../modules/work';
import { loyaltyEn, loyaltyZh } from '../modules/loyalty';

/** One namespace per module, in both languages. */
export const resources: Record<Locale, Record<string, Dict>> = {
  'zh-CN': {
    common: commonZh,
    app: appZh,
    auth: authZh,
    customers: customersZh,
    org: orgZh,
    users: usersZh,
    roles: rolesZh,
    customFields: customFieldsZh,
    apiKeys: apiKeysZh,
    audit: auditZh,
    events: eventsZh,
    selfService: selfServiceZh,
    knowledge: knowledgeZh,
    requests: requestsZh,
    followups: followupsZh,
    orders: ordersZh,
    catalogue: catalogueZh,
    leads: leadsZh,
    activities: activitiesZh,
    opportunities: opportunitiesZh,
    targets: targetsZh,
    work: workZh,
    loyalty: loyaltyZh,
  },
  'en-US': {
    common: commonEn,
    app: appEn,
    auth: authEn,
    customers: customersEn,
    org: orgEn,
    users: usersEn,
    roles: rolesEn,
    customFields: customFieldsEn,
    apiKeys: apiKeysEn,
    audit: auditEn,
    events: eventsEn,
    selfService: selfServiceEn,
    knowledge: knowledgeEn,
    requests: requestsEn,
    followups: followupsEn,
    orders: ordersEn,
    catalogue: catalogueEn,
    leads: leadsEn,
    activities: activitiesEn,
    opportunities: opportunitiesEn,
    targets: targetsEn,
    work: workEn,
    loyalty: loyaltyEn,
  },
};
