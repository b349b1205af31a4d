import { useTranslation } from 'react-i18next';
import { CustomerSelect } from '../../customers';

/** The customer of an opportunity. */
export function CustomerPicker(props: { value?: string; onChange?: (id: string | undefined) => void; id?: string }) {
  const { t } = useTranslation('opportunities');
  return <CustomerSelect {...props} onChange={(v) => props.onChange?.(v ?? undefined)} placeholder={t('form.customerPlaceholder')} testId="opportunity-customer" />;
}
