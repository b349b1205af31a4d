import type { Translation } from '../../../shared/i18n';
import type zhCN from './zh-CN';

const enUS: Translation<typeof zhCN> = {
  menu: 'Custom fields',
  title: 'Customer custom fields',
  field: {
    key: 'Key',
    label: 'Label',
    type: 'Type',
    options: 'Options',
    required: 'Required',
    position: 'Order',
    object: 'Object',
  },
  action: {
    create: 'New field',
  },
  modal: {
    create: 'New custom field',
    edit: 'Edit custom field',
    keyHint: 'Used by import, export and filters (cf_<key>); cannot change later',
    optionsHint: 'Type an option and press Enter',
    typeHint: 'The type cannot change later',
  },
  confirm: {
    delete: 'Delete the field "{{label}}"?',
    deleteContent: 'Forms and lists stop showing it; values already entered stay in the history.',
  },
  empty: 'No custom fields yet; add the information your stores need with "New field"',
  optionsRequired: 'A choice field needs at least one option',
};
export default enUS;
