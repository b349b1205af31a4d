import { WorkToday } from '@jiake/shared';
import type { RouteModule } from '../http/types.ts';
import type { WorkSourceEntry } from './work-items.ts';
import { workToday } from './work.service.ts';

/** "My work today" (PLAT-12): the caller's items from every module's source, merged. */
export const workRoutes =
  (sources: Record<string, WorkSourceEntry>, opts: { timeoutMs?: number } = {}): RouteModule =>
  (app) => {
    app.get('/api/v1/work/today', {
      config: { authenticated: true },
      schema: {
        tags: ['work'],
        summary: 'My work for today: overdue and due follow-ups and next steps, new leads, proposals awaiting an answer, open requests (failing sources are listed in `failed`)',
        response: { 200: WorkToday },
      },
      handler: async (req) => workToday(req.ctx, sources, { ...opts, log: (source, err) => req.log.error({ err, source }, 'work source failed') }),
    });
  };
