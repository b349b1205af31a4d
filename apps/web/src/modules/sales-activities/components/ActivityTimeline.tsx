/** What the activities are about: a lead, an opportunity or a customer (the customer view shows all of its own). */
export interface ActivitySubject {
  kind: 'lead' | 'opportunity' | 'customer';
  id: string;
}

/** The follow-up timeline of a subject with quick-add (calls, messages, home visits, proposals, store invitations). Stub until built. */
export function ActivityTimeline(_props: { subject: ActivitySubject; readOnly?: boolean }) {
  return null;
}
