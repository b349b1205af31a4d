import type { RouteModule } from '../../platform/http/types.ts';

/** Public self-service page per tenant: verified request submission and tracking, public articles (SVC-6). */
export const selfServiceRoutes: RouteModule = () => {};
