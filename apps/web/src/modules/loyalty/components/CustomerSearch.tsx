import { useTranslation } from 'react-i18next';
import { CustomerSelect, type PickedCustomer } from '../../customers';

export type FoundCustomer = PickedCustomer;

/** The customer to enrol: the shared customer picker with the enrolment's wording. */
export function CustomerSearch(props: { value?: string; onChange?: (id: string | undefined) => void; onPick?: (c: FoundCustomer | null) => void; id?: string }) {
  const { t } = useTranslation('loyalty');
  return <CustomerSelect {...props} onChange={(v) => props.onChange?.(v ?? undefined)} placeholder={t('enrol.customerPlaceholder')} testId="enrol-customer" />;
}
