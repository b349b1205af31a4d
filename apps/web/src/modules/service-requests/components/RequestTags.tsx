import { Tag } from 'antd';
import type { RequestPriority, RequestStatus } from '@jiake/shared';
import { useRequestLabels } from '../labels';

const STATUS_COLOR: Record<RequestStatus, string> = {
  new: 'gold',
  assigned: 'blue',
  in_progress: 'processing',
  awaiting_customer: 'purple',
  resolved: 'green',
  closed: 'default',
  cancelled: 'default',
};
const PRIORITY_COLOR: Record<RequestPriority, string | undefined> = { low: undefined, normal: 'blue', high: 'orange', urgent: 'red' };

export function StatusTag({ status }: { status: RequestStatus }) {
  const { label } = useRequestLabels();
  return (
    <Tag color={STATUS_COLOR[status]} data-testid="request-status" data-status={status}>
      {label('status', status)}
    </Tag>
  );
}

export function PriorityTag({ priority }: { priority: RequestPriority }) {
  const { label } = useRequestLabels();
  return (
    <Tag color={PRIORITY_COLOR[priority]} data-testid="request-priority">
      {label('priority', priority)}
    </Tag>
  );
}
