import { lazy } from 'react';
import { BookOutlined } from '@ant-design/icons';
import type { ModuleRoute } from '../../shared/routing';

export const knowledgeRoutes: ModuleRoute[] = [
  {
    path: '/knowledge',
    Component: lazy(() => import('./pages/KnowledgePage')),
    permission: 'knowledge:view',
    menu: { group: 'service', label: 'knowledge:menu', icon: <BookOutlined />, order: 60 },
  },
  { path: '/knowledge/new', Component: lazy(() => import('./pages/ArticleEditPage')), permission: 'knowledge:edit' },
  { path: '/knowledge/:id', Component: lazy(() => import('./pages/ArticlePage')), permission: 'knowledge:view' },
  { path: '/knowledge/:id/edit', Component: lazy(() => import('./pages/ArticleEditPage')), permission: 'knowledge:edit' },
];
