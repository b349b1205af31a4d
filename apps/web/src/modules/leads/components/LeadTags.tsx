import { Tag } from 'antd';
import type { LeadStatus } from '@jiake/shared';
import { useLeadLabels } from '../labels';

const COLORS: Record<LeadStatus, string> = { new: 'blue', following: 'processing', converted: 'success', lost: 'default', invalid: 'warning' };

export function LeadStatusTag({ status }: { status: LeadStatus }) {
  const { label } = useLeadLabels();
  return (
    <Tag color={COLORS[status]} data-testid="lead-status">
      {label('status', status)}
    </Tag>
  );
}

export function LeadSourceTag({ source }: { source: string }) {
  const { label } = useLeadLabels();
  return <Tag>{label('source', source)}</Tag>;
}
