import { useTranslation } from 'react-i18next';
import { CustomerSelect, type PickedCustomer } from '../../customers';

export type { PickedCustomer };

/** The customer a request is about; each is shown with its store, since the request goes to that store's queue by default. */
export function CustomerPicker(props: { value?: string | null; onChange?: (id: string | null) => void; onPick?: (c: PickedCustomer | null) => void; id?: string }) {
  const { t } = useTranslation('requests');
  return <CustomerSelect {...props} placeholder={t('form.customerPlaceholder')} testId="request-customer" />;
}
