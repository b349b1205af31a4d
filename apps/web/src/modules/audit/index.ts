export { AuditChanges, type FieldChange } from './components/AuditChanges';
export { HistoryTimeline } from './components/HistoryTimeline';
export { RecordHistory } from './components/RecordHistory';
export { useAuditLabels } from './labels';
export type { AuditRow } from './api';
export { default as auditZh } from './locales/zh-CN';
export { default as auditEn } from './locales/en-US';
