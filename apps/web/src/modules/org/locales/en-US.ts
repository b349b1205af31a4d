import type { Translation } from '../../../shared/i18n';
import type zhCN from './zh-CN';

const enUS: Translation<typeof zhCN> = {
  menu: 'Organisation',
  title: 'Organisation',
  field: {
    name: 'Name',
    code: 'Code',
    kind: 'Type',
    storeKind: 'Store type',
    status: 'Status',
    parentId: 'Parent unit',
    provinceCode: 'Province',
    cityCode: 'City',
    region: 'Location',
    path: 'Path',
  },
  action: {
    addRegion: 'New region',
    addStore: 'New store',
    rename: 'Edit',
    move: 'Move',
    close: 'Close',
    reopen: 'Reopen',
  },
  confirm: {
    close: 'Close "{{name}}"?',
    closeContent: 'A closed unit takes no new business; its history stays and it can be reopened at any time.',
    reopen: 'Reopen "{{name}}"?',
  },
  modal: {
    create: 'New unit',
    edit: 'Edit unit',
    move: 'Move unit',
    moveHint: 'Its sub-units move with it. A store cannot be a parent.',
  },
  message: {
    closed: 'Closed',
    reopened: 'Reopened',
    moved: 'Moved',
  },
  selectHint: 'Select a unit on the left to see its details',
  storePlaceholder: 'All stores',
  unitPlaceholder: 'Select a unit',
  closedTag: 'Closed',
  search: 'Search unit name',
};
export default enUS;
