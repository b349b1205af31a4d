import type { Translation } from '../../../shared/i18n';
import type zhCN from './zh-CN';

const enUS: Translation<typeof zhCN> = {
  menu: 'Event deliveries',
  title: 'Domain events and deliveries',
  intro: 'Business events (order paid, returned, request escalated…) are written with the change, then delivered to each subscriber (points, after-sales follow-up…). Failed deliveries are retried automatically; after repeated failures a delivery is marked failed and can be retried once the cause is fixed.',
  filter: { type: 'Event type', status: 'Delivery status', all: 'All' },
  column: { at: 'Occurred', type: 'Event', aggregate: 'Record', deliveries: 'Deliveries', payload: 'Payload' },
  status: { pending: 'Pending', delivered: 'Delivered', dead: 'Failed' },
  attempts: '{{n}} attempts',
  retry: 'Retry',
  retried: 'Queued again',
  more: 'Load more',
  empty: 'No events',
};
export default enUS;
