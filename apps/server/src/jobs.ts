import type { AppDeps } from './app.ts';

/** Every background job kind, registered with the runner so the graph stays visible. */
export function registerJobs(deps: AppDeps) {
  void deps;
}
