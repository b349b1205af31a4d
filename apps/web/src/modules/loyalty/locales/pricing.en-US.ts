import type { Translation } from '../../../shared/i18n';
import type zh from './pricing.zh-CN';

const en: Translation<typeof zh> = {
  title: 'Member price',
  member: 'Member {{number}}',
  tier: 'tier “{{name}}” {{percent}}% off',
  card: 'discount card {{number}} {{percent}}% off',
  applies: 'This order may take {{percent}}% off ({{from}}; tier and card do not stack, the larger applies)',
  fromTier: 'by the member tier',
  fromCard: 'by the discount card',
  none: 'The member has no member discount now',
  notActive: 'The member is {{status}}: no member discount',
  apply: 'Fill in each line’s discount at the member rate',
  applied: '{{count}} lines now carry {{percent}}% off',
  nothingToApply: 'Choose the products and their prices first',
};
export default en;
