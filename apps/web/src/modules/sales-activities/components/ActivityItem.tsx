import { useState } from 'react';
import { Button, Flex, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { EditOutlined } from '@ant-design/icons';
import type { SalesActivityDto } from '@jiake/shared';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../shared/auth/access';
import { formatDateTime } from '../../../shared/format/date';
import { useEnumLabel } from '../../../shared/i18n/enums';
import type { ActivitySubject } from '../api';
import { ActivityFormModal } from '../form/ActivityFormModal';
import { useActivityLabels } from '../labels';
import { AttachmentList } from './AttachmentList';
import { InvitationBlock } from './InvitationBlock';
import { KIND_COLOR } from './KindIcon';
import { NextStepLine } from './NextStepLine';
import { ProposalBlock } from './ProposalBlock';

const OUTCOME_COLOR: Record<string, string> = {
  reached: 'green', replied: 'green', measured: 'green', visited: 'green', interested: 'green', confirmed: 'green',
  no_answer: 'orange', no_reply: 'orange', callback: 'blue', postponed: 'orange', needs_changes: 'orange', tentative: 'orange',
  refused: 'red', not_interested: 'red', declined: 'red',
};

/** The rooms measured and the furniture seen on a visit. */
function VisitDetails({ visit }: { visit: NonNullable<SalesActivityDto['visit']> }) {
  const { t } = useTranslation('activities');
  const { label } = useActivityLabels();
  const enumLabel = useEnumLabel();
  return (
    <Flex vertical gap={6}>
      {visit.address ? <Typography.Text type="secondary">{`${t('timeline.address')}：${visit.address}`}</Typography.Text> : null}
      {visit.rooms.length ? (
        <Table
          size="small"
          pagination={false}
          rowKey="key"
          title={() => t('timeline.rooms')}
          dataSource={visit.rooms.map((r, i) => ({ ...r, key: i }))}
          data-testid="visit-rooms"
          columns={[
            { key: 'room', title: t('form.room'), render: (_, r) => enumLabel('room', r.room) },
            { key: 'size', title: `${t('form.lengthCm')} × ${t('form.widthCm')} × ${t('form.heightCm')}`, render: (_, r) => [r.lengthCm, r.widthCm, r.heightCm ?? '—'].join(' × ') },
            { key: 'notes', title: t('form.roomNotes'), dataIndex: 'notes' },
          ]}
        />
      ) : null}
      {visit.furnitureSeen.length ? (
        <Table
          size="small"
          pagination={false}
          rowKey="key"
          title={() => t('timeline.furnitureSeen')}
          dataSource={visit.furnitureSeen.map((f, i) => ({ ...f, key: i }))}
          data-testid="visit-furniture"
          columns={[
            { key: 'category', title: t('form.category'), render: (_, f) => label('furniture', f.category) },
            { key: 'brand', title: t('form.brand'), render: (_, f) => f.brand ?? '' },
            { key: 'ownership', title: t('form.ownership'), render: (_, f) => <Tag color={f.ownership === 'competitor' ? 'red' : 'blue'}>{label('ownership', f.ownership)}</Tag> },
            { key: 'condition', title: t('form.condition'), render: (_, f) => label('condition', f.condition) },
            { key: 'room', title: t('form.room'), render: (_, f) => enumLabel('room', f.room) },
            { key: 'notes', title: t('form.roomNotes'), dataIndex: 'notes' },
          ]}
        />
      ) : null}
    </Flex>
  );
}

/** One activity in a timeline: kind, outcome, who and when, notes, the details of its kind, photos and its next step. */
export function ActivityItem({ activity: a, subject, readOnly, showSubject }: { activity: SalesActivityDto; subject: ActivitySubject; readOnly?: boolean; showSubject?: boolean }) {
  const { t } = useTranslation('activities');
  const { label, outcome } = useActivityLabels();
  const canEdit = useCan('activities:edit') && !readOnly && a.editable;
  const [editing, setEditing] = useState(false);
  const actionable = { ...a, editable: canEdit };
  return (
    <Flex vertical gap={6} data-testid="activity-item" data-kind={a.kind} data-id={a.id}>
      <Flex gap={8} wrap align="center">
        <Tag color={KIND_COLOR[a.kind]}>{a.visit ? label('visitType', a.visit.visitType) : label('kind', a.kind)}</Tag>
        {a.message ? <Tag>{label('channel', a.message.channel)}</Tag> : null}
        {a.outcome ? (
          <Tag color={OUTCOME_COLOR[a.outcome]} data-testid="activity-outcome-tag">
            {outcome(a.kind, a.outcome)}
          </Tag>
        ) : null}
        <Typography.Text type="secondary">
          {formatDateTime(a.occurredAt)} · {t('timeline.by', { name: a.ownerName ?? t('timeline.noOwner') })}
        </Typography.Text>
        {showSubject && a.subjectType !== 'customer' ? (
          <Link to={a.subjectLink}>{t('customerTab.activityOn', { type: label('subjectType', a.subjectType), name: a.subjectName ?? '' })}</Link>
        ) : null}
        {canEdit ? <Button size="small" type="text" icon={<EditOutlined />} onClick={() => setEditing(true)} title={t('form.editHeading', { kind: label('kind', a.kind) })} data-testid="activity-edit" /> : null}
      </Flex>
      {a.notes ? <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{a.notes}</Typography.Paragraph> : null}
      {a.visit ? <VisitDetails visit={a.visit} /> : null}
      {a.proposal ? <ProposalBlock activity={actionable} /> : null}
      {a.invitation ? <InvitationBlock activity={actionable} /> : null}
      <AttachmentList files={a.attachments} />
      {a.nextStep ? <NextStepLine activityId={a.id} step={a.nextStep} editable={canEdit} /> : null}
      {canEdit ? <ActivityFormModal subject={subject} kind={editing ? a.kind : null} activity={a} onClose={() => setEditing(false)} /> : null}
    </Flex>
  );
}

