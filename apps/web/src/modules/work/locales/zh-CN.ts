const zhCN = {
  menu: {
    today: '今日工作',
    inbox: '消息通知',
  },
  /**
   * Notification and work-item kinds (`kind` from the server). Inbox notifications interpolate their params; the
   * work-item kinds (lead.new, activity.due, proposal.awaiting, followup.due, request.open) are short labels.
   */
  kinds: {
    unknown: '您有一条新通知',
    lead: {
      assigned: '新线索分配给您：{{name}}',
      reassigned: '线索「{{name}}」已转给您跟进',
      new: '新线索',
    },
    opportunity: {
      assigned: '商机「{{name}}」已分配给您',
    },
    activity: {
      due: '跟进计划到期',
    },
    proposal: {
      awaiting: '方案待答复',
    },
    followup: {
      due: '售后跟进',
    },
    request: {
      assigned: '客户请求 {{number}}「{{subject}}」已分派给您',
      escalated: '客户请求 {{number}}「{{subject}}」超时，已升级给您（第 {{level}} 级）',
      open: '客户请求',
    },
    loyaltyTier: {
      up: '会员 {{number}}（{{name}}）由「{{from}}」升级为「{{to}}」',
      down: '会员 {{number}}（{{name}}）由「{{from}}」调整为「{{to}}」',
    },
  },
  sections: {
    overdue: '已逾期',
    dueToday: '今日到期',
    newLeads: '新线索',
    proposals: '方案待答复',
    requests: '我的客户请求',
  },
  sectionHint: {
    overdue: '应在之前完成的跟进和下一步',
    dueToday: '今天结束前要完成',
    newLeads: '尚未首次联系',
    proposals: '已提交方案，等待客户答复',
    requests: '分派给我的未结请求',
  },
  sources: {
    leads: '线索',
    activities: '跟进计划',
    proposals: '设计方案',
    followups: '售后跟进',
    requests: '客户请求',
  },
  today: {
    title: '今日工作',
    subtitle: '{{date}}（北京时间）',
    refresh: '刷新',
    total: '共 {{count}} 项待办',
    more: '仅显示最紧急的前 {{count}} 项，更多请到对应列表查看',
    partial: '部分内容暂时无法加载：{{sources}}，请稍后刷新',
    emptyTitle: '今天没有待办事项',
    emptyHint: '没有逾期或今天到期的跟进，也没有待处理的新线索和客户请求。',
    emptySection: '暂无',
    showAll: '展开全部 {{count}} 项',
    collapse: '收起',
    overdueTag: '已逾期',
    dueAt: '到期 {{time}}',
    dueWas: '应于 {{time}}',
    noDue: '尽快处理',
    todayAt: '今天 {{time}}',
  },
  inbox: {
    title: '消息通知',
    bell: '消息通知',
    latest: '最新通知',
    markAllRead: '全部标为已读',
    markedAll: '已全部标为已读',
    viewAll: '查看全部',
    empty: '暂无通知',
    emptyUnread: '没有未读通知',
    tabAll: '全部',
    tabUnread: '未读',
    unread: '未读',
    markRead: '标为已读',
  },
};

export default zhCN;
