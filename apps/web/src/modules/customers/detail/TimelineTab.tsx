import { HistoryTimeline } from '../../audit';
import { useCustomerHistory } from '../api/history';

/** 时间线: every change to the customer and its contacts, who did it and when, field by field. */
export function TimelineTab({ customerId }: { customerId: string }) {
  const { data, isLoading } = useCustomerHistory(customerId);
  return <HistoryTimeline rows={data} loading={isLoading} entityType="customer" testId="customer-timeline" />;
}
