import { RequestReview, RequestReviewQuery } from '@jiake/shared';
import type { RouteModule } from '../../platform/http/types.ts';
import { requestReview } from './review.service.ts';

export const reviewRoutes: RouteModule = (app) => {
  app.get('/api/v1/request-review', {
    config: { permission: 'requests:review' },
    schema: {
      tags: ['requests'],
      summary: 'Periodic review: counts, response and resolution times (business minutes), breaches, top causes, satisfaction; against the previous period of equal length',
      querystring: RequestReviewQuery,
      response: { 200: RequestReview },
    },
    handler: async (req) => requestReview(req.ctx, req.query),
  });
};
