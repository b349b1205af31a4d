import type { Factory } from './world.ts';

/** Records of loyalty — settlement for the generated isolation walker (one factory per route with a path parameter). */
export const FACTORIES: Factory[] = [];
export const BODIES: Record<string, unknown> = {};
