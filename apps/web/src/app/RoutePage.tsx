import { Suspense } from 'react';
import { Flex, Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePermissionCheck } from '../shared/auth/access';
import type { ModuleRoute } from '../shared/routing';

/** One lazily loaded page, shown only to users holding the route's permission. */
export function RoutePage({ route }: { route: ModuleRoute }) {
  const { t } = useTranslation('app');
  const can = usePermissionCheck();
  if (!can(route.permission)) return <Result status="403" title={t('forbidden.title')} subTitle={t('forbidden.subTitle')} />;
  const { Component } = route;
  return (
    <Suspense
      fallback={
        <Flex justify="center" style={{ padding: 64 }}>
          <Spin size="large" />
        </Flex>
      }
    >
      <Component />
    </Suspense>
  );
}
