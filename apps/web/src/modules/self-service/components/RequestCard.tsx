import { useState } from 'react';
import { App, Button, Card, Flex, Input, Rate, Steps, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../shared/format/date';
import { type PublicRequestDto, useConfirmRequest, useReopenRequest, useReplyRequest } from '../api';
import { failureText } from '../errors';

const STEP: Record<PublicRequestDto['status'], number> = { new: 0, assigned: 1, in_progress: 2, awaiting_customer: 2, resolved: 3, closed: 4, cancelled: 0 };
const COLOR: Record<PublicRequestDto['status'], string> = {
  new: 'default', assigned: 'blue', in_progress: 'processing', awaiting_customer: 'orange', resolved: 'green', closed: 'success', cancelled: 'default',
};

/** One of my requests: where it stands, its public timeline, and what I can do (reply, confirm with a score, reopen). */
export function RequestCard({ tenantCode, request: r }: { tenantCode: string; request: PublicRequestDto }) {
  const { t } = useTranslation('selfService');
  const { message } = App.useApp();
  const confirm = useConfirmRequest(tenantCode);
  const reply = useReplyRequest(tenantCode);
  const reopen = useReopenRequest(tenantCode);
  const [score, setScore] = useState(5);
  const [comment, setComment] = useState('');
  const [text, setText] = useState('');
  const [reopening, setReopening] = useState(false);
  const fail = (e: unknown) => message.error(failureText(t, e));
  const open = !['resolved', 'closed', 'cancelled'].includes(r.status);

  return (
    <Card size="small" style={{ marginBottom: 12 }} data-testid="my-request">
      <Flex justify="space-between" align="flex-start" gap={8} wrap>
        <div>
          <Typography.Text strong style={{ fontSize: 16 }} data-testid="my-request-subject">
            {r.subject}
          </Typography.Text>
          <div>
            <Typography.Text type="secondary">
              {t(`type.${r.type}`)} · {t('mine.number', { number: r.number })} · {t('mine.submittedAt', { at: formatDateTime(r.createdAt) })}
            </Typography.Text>
          </div>
        </div>
        <Tag color={COLOR[r.status]} data-testid="my-request-status">
          {t(`status.${r.status}`)}
        </Tag>
      </Flex>
      {r.status !== 'cancelled' ? (
        <Steps
          size="small"
          current={STEP[r.status]}
          style={{ margin: '16px 0' }}
          titlePlacement="vertical"
          responsive={false}
          items={(['submitted', 'accepted', 'working', 'resolved', 'closed'] as const).map((s) => ({ title: t(`steps.${s}`) }))}
        />
      ) : null}
      <Timeline
        style={{ marginTop: 8 }}
        items={r.messages.map((m, i) => ({
          key: i,
          color: m.from === 'customer' ? 'gray' : 'blue',
          content: (
            <>
              <Typography.Text type="secondary">
                {formatDateTime(m.at)} · {t(`mine.from.${m.from}`)} · {m.kind === 'status' && m.status ? t(`status.${m.status}`) : t(`mine.kind.${m.kind}`)}
              </Typography.Text>
              {m.body ? <div style={{ whiteSpace: 'pre-wrap' }}>{m.body}</div> : null}
            </>
          ),
        }))}
      />
      {r.resolution ? (
        <Typography.Paragraph style={{ background: '#f6ffed', padding: '8px 12px', borderRadius: 6 }}>
          <Typography.Text strong>{t('mine.resolution')}：</Typography.Text>
          {r.resolution}
        </Typography.Paragraph>
      ) : null}
      {r.satisfaction ? (
        <Typography.Paragraph>
          {t('mine.satisfaction')}
          <Rate disabled value={r.satisfaction} />
        </Typography.Paragraph>
      ) : null}
      {r.canConfirm ? (
        <Flex vertical gap={8} style={{ borderTop: '1px dashed #eee', paddingTop: 12 }} data-testid="confirm-box">
          <Typography.Text strong>{t('mine.confirmTitle')}</Typography.Text>
          <Rate value={score} onChange={(v) => setScore(v || 1)} data-testid="confirm-rate" />
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} value={comment} onChange={(e) => setComment(e.target.value)} placeholder={t('mine.comment')} />
          <Flex gap={8} wrap>
            <Button
              type="primary"
              loading={confirm.isPending}
              onClick={() =>
                confirm.mutate({ id: r.id, body: { satisfaction: score, comment: comment.trim() || null } }, { onSuccess: () => message.success(t('mine.confirmed')), onError: fail })
              }
              data-testid="confirm-submit"
            >
              {t('mine.confirm')}
            </Button>
            <Button onClick={() => setReopening((v) => !v)}>{t('mine.notSolved')}</Button>
          </Flex>
          {reopening ? (
            <Flex gap={8}>
              <Input value={text} onChange={(e) => setText(e.target.value)} placeholder={t('mine.reopenReason')} maxLength={5000} />
              <Button
                disabled={!text.trim()}
                loading={reopen.isPending}
                onClick={() => reopen.mutate({ id: r.id, body: { reason: text.trim() } }, { onSuccess: () => { setText(''); setReopening(false); }, onError: fail })}
              >
                {t('mine.reopen')}
              </Button>
            </Flex>
          ) : null}
        </Flex>
      ) : null}
      {open ? (
        <Flex gap={8} style={{ borderTop: '1px dashed #eee', paddingTop: 12 }}>
          <Input value={text} onChange={(e) => setText(e.target.value)} placeholder={t('mine.replyPlaceholder')} maxLength={5000} data-testid="reply-input" />
          <Button disabled={!text.trim()} loading={reply.isPending} onClick={() => reply.mutate({ id: r.id, body: { body: text.trim() } }, { onSuccess: () => setText(''), onError: fail })}>
            {t('mine.send')}
          </Button>
        </Flex>
      ) : null}
    </Card>
  );
}
