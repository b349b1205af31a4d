import { type ReactNode, useEffect } from 'react';
import { Button, Flex, Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router-dom';
import { useMe } from '../shared/auth/me';
import { applyLocale, isLocale, storedLocale } from '../shared/i18n';

/** The signed-in area: loads the user, and sends anyone signed out to the login page. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation('app');
  const location = useLocation();
  const me = useMe();
  const accountLocale = me.data?.user.locale;
  useEffect(() => {
    // A browser without its own choice follows the account's language.
    if (!storedLocale() && isLocale(accountLocale) && accountLocale !== i18n.language) void applyLocale(accountLocale);
  }, [accountLocale, i18n.language]);

  if (me.isPending) {
    return (
      <Flex justify="center" align="center" style={{ minHeight: '100vh' }}>
        <Spin size="large" />
      </Flex>
    );
  }
  if (me.isError) {
    return <Result status="error" title={t('loadFailed.title')} extra={<Button onClick={() => me.refetch()}>{t('loadFailed.retry')}</Button>} />;
  }
  if (!me.data) {
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return <>{children}</>;
}
