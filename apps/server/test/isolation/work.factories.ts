import type { Factory } from './world.ts';

/** Records of the work module for the generated isolation walker (issue 3). */
export const FACTORIES: Factory[] = [];

/** Sample bodies that would make a real change, keyed "METHOD /registered/url". */
export const BODIES: Record<string, unknown> = {};
