import type { AppDeps } from '../../app.ts';

/** Tier upgrades on spend and the yearly review (LOY-5). Tiers engineer: implement. */
export function registerTierJobs(_deps: AppDeps) {}
export function registerTierSubscriptions(_deps: AppDeps) {}
