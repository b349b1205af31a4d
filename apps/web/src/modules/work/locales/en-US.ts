import type { Translation } from '../../../shared/i18n';
import type zhCN from './zh-CN';

const enUS: Translation<typeof zhCN> = {
  menu: {
    today: 'Today',
    inbox: 'Notifications',
  },
  kinds: {
    unknown: 'You have a new notification',
    lead: {
      assigned: 'New lead assigned to you: {{name}}',
      reassigned: 'Lead “{{name}}” was handed over to you',
      new: 'New lead',
    },
    opportunity: {
      assigned: 'Opportunity “{{name}}” was assigned to you',
    },
    activity: {
      due: 'Next step due',
    },
    proposal: {
      awaiting: 'Proposal awaiting answer',
    },
    followup: {
      due: 'After-sales follow-up',
    },
    request: {
      assigned: 'Request {{number}} “{{subject}}” was assigned to you',
      escalated: 'Request {{number}} “{{subject}}” is overdue and was escalated to you (level {{level}})',
      open: 'Customer request',
    },
    loyaltyTier: {
      up: 'Member {{number}} ({{name}}) moved up from “{{from}}” to “{{to}}”',
      down: 'Member {{number}} ({{name}}) moved from “{{from}}” down to “{{to}}”',
    },
  },
  sections: {
    overdue: 'Overdue',
    dueToday: 'Due today',
    newLeads: 'New leads',
    proposals: 'Proposals awaiting an answer',
    requests: 'My customer requests',
  },
  sectionHint: {
    overdue: 'Follow-ups and next steps that were due before now',
    dueToday: 'To finish before the end of today',
    newLeads: 'Not contacted yet',
    proposals: 'Presented, waiting for the customer',
    requests: 'Open requests assigned to me',
  },
  sources: {
    leads: 'Leads',
    activities: 'Next steps',
    proposals: 'Design proposals',
    followups: 'After-sales follow-ups',
    requests: 'Customer requests',
  },
  today: {
    title: 'Today',
    subtitle: '{{date}} (Beijing time)',
    refresh: 'Refresh',
    total: '{{count}} to do',
    more: 'Only the {{count}} most urgent are shown; open the list for the rest',
    partial: 'Some items could not be loaded: {{sources}}. Please refresh later',
    emptyTitle: 'Nothing due today',
    emptyHint: 'No overdue or due follow-ups, no new leads and no open requests waiting for you.',
    emptySection: 'None',
    showAll: 'Show all {{count}}',
    collapse: 'Show fewer',
    overdueTag: 'Overdue',
    dueAt: 'Due {{time}}',
    dueWas: 'Was due {{time}}',
    noDue: 'As soon as possible',
    todayAt: 'today {{time}}',
  },
  inbox: {
    title: 'Notifications',
    bell: 'Notifications',
    latest: 'Latest notifications',
    markAllRead: 'Mark all as read',
    markedAll: 'All marked as read',
    viewAll: 'View all',
    empty: 'No notifications',
    emptyUnread: 'No unread notifications',
    tabAll: 'All',
    tabUnread: 'Unread',
    unread: 'Unread',
    markRead: 'Mark as read',
  },
};

export default enUS;
