import { Forecast, ForecastQuery, Funnel, FunnelQuery } from '@jiake/shared';
import type { RouteModule } from '../../platform/http/types.ts';
import { funnel } from './funnel.service.ts';
import { forecast } from './forecast.service.ts';

const tags = ['opportunities'];

/** Funnel analytics and the weighted forecast (LEAD-5), inside the caller's scope. */
export const pipelineRoutes: RouteModule = (app) => {
  app.get('/api/v1/pipeline/funnel', {
    config: { permission: 'opportunities:view' },
    schema: {
      tags,
      summary:
        'Funnel of the opportunities created in [from, to] (Shanghai dates): per stage reached count and amount, conversion, average days in stage; ' +
        'win rate, loss reasons, stalled ones (no activity for stalledDays), and totals per owner and store',
      querystring: FunnelQuery,
      response: { 200: Funnel },
    },
    handler: async (req) => funnel(req.ctx, req.query),
  });
  app.get('/api/v1/pipeline/forecast', {
    config: { permission: 'opportunities:view' },
    schema: {
      tags,
      summary: 'Weighted forecast by month or quarter per owner, store or region: open amount × probability by expected close, plus won amount',
      querystring: ForecastQuery,
      response: { 200: Forecast },
    },
    handler: async (req) => forecast(req.ctx, req.query),
  });
};
