import { useTranslation } from 'react-i18next';
import { NotFoundResult } from '../../shared/components/NotFoundResult';

export function NotFoundPage() {
  const { t } = useTranslation('app');
  return <NotFoundResult title={t('notFound.title')} backTo="/" backText={t('notFound.back')} />;
}
