import { Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router-dom';
import { usePermissionCheck } from '../../shared/auth/access';
import { MODULE_ROUTES } from '../modules';

/** "/" opens the first page of the menu the user may see. */
export function HomeRedirect() {
  const { t } = useTranslation('app');
  const can = usePermissionCheck();
  const first = MODULE_ROUTES.filter((r) => r.menu && can(r.permission)).sort((a, b) => a.menu!.order - b.menu!.order)[0];
  if (first) return <Navigate to={first.path} replace />;
  return <Result status="info" title={t('welcome.title')} subTitle={t('welcome.noMenu')} />;
}
