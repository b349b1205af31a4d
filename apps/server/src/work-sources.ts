import type { WorkSource } from './platform/work/work-items.ts';

/** Every module's contribution to "my work today", listed so the graph stays visible. */
export const WORK_SOURCES: Record<string, WorkSource> = {};
