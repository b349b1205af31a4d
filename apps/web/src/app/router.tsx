import { lazy } from 'react';
import { createBrowserRouter } from 'react-router-dom';
import { MODULE_ROUTES } from './modules';
import { RequireAuth } from './RequireAuth';
import { AppLayout } from './layout/AppLayout';
import { RoutePage } from './RoutePage';
import { HomeRedirect } from './pages/HomeRedirect';
import { NotFoundPage } from './pages/NotFoundPage';

const LoginPage = lazy(() => import('../modules/auth/LoginPage'));
const SelfServicePage = lazy(() => import('../modules/self-service/pages/SelfServicePage'));

export const router = createBrowserRouter([
  { path: '/login', element: <RoutePage route={{ path: '/login', Component: LoginPage }} /> },
  // The public self-service page of a brand: no login, outside the staff layout.
  { path: '/s/:tenantCode', element: <RoutePage route={{ path: '/s/:tenantCode', Component: SelfServicePage }} /> },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <HomeRedirect /> },
      ...MODULE_ROUTES.map((r) => ({ path: r.path, element: <RoutePage route={r} /> })),
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
