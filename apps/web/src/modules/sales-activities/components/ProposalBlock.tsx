import { useEffect, useState } from 'react';
import { App, Button, Flex, Form, Input, Space, Tag, Typography, type UploadFile } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { SalesActivityDto } from '@jiake/shared';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../shared/components/FormModal';
import { formatDateTime } from '../../../shared/format/date';
import { formatMoney } from '../../../shared/format/money';
import { useRules } from '../../../shared/forms/rules';
import { MoneyInput } from '../../catalogue';
import { type ActivityAction, uploadFiles, useActivityAction, useRefreshActivities } from '../api';
import { FilePicker, filesOf, pickedFiles } from '../form/FilePicker';
import { uploadFailures } from '../form/upload-report';
import { actionErrorText, localiseIssues, useActivityLabels } from '../labels';
import { AttachmentList } from './AttachmentList';

type Proposal = NonNullable<SalesActivityDto['proposal']>;
const STATUS_COLOR: Record<Proposal['status'], string> = { draft: 'default', presented: 'processing', accepted: 'success', rejected: 'error' };

interface Values {
  summary?: string;
  amountFen?: number | null;
  reason?: string;
  files?: UploadFile[];
}

/** 设计方案: its versions (presented when, the customer's answer), and the next moves its status allows. */
export function ProposalBlock({ activity }: { activity: SalesActivityDto }) {
  const { t } = useTranslation('activities');
  const { message } = App.useApp();
  const rules = useRules();
  const { label } = useActivityLabels();
  const [form] = Form.useForm<Values>();
  const [modal, setModal] = useState<'version' | 'reject' | null>(null);
  const action = useActivityAction();
  const refresh = useRefreshActivities();
  const p = activity.proposal!;
  useEffect(() => {
    if (modal) form.resetFields();
  }, [modal, form]);

  const run = (a: ActivityAction, success: string) =>
    action.mutateAsync({ id: activity.id, action: a }).then(
      () => message.success(success),
      (err) => message.error(actionErrorText(err)),
    );
  const submit = async (v: Values) => {
    if (modal === 'reject') return action.mutateAsync({ id: activity.id, action: 'proposal/reject', body: { reason: v.reason?.trim() } }).catch(localiseIssues);
    const saved = await action.mutateAsync({ id: activity.id, action: 'proposal/versions', body: { summary: v.summary?.trim() || null, amountFen: v.amountFen ?? null } }).catch(localiseIssues);
    const files = filesOf(v.files);
    const latest = saved.proposal?.versions[saved.proposal.versions.length - 1];
    if (files.length && latest) {
      for (const text of uploadFailures(await uploadFiles('proposalVersion', latest.id, files))) message.error(text);
      await refresh();
    }
  };

  const can = activity.editable;
  return (
    <Flex vertical gap={6} data-testid="activity-proposal" data-status={p.status}>
      <Flex gap={8} align="center" wrap>
        <Typography.Text strong>{p.title}</Typography.Text>
        <Tag color={STATUS_COLOR[p.status]} data-testid="proposal-status">
          {label('proposalStatus', p.status)}
        </Tag>
      </Flex>
      <Flex vertical gap={6} style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: '6px 12px' }}>
        {[...p.versions].reverse().map((v) => (
          <Flex key={v.id} vertical gap={2} data-testid={`proposal-version-${v.number}`}>
            <Flex gap={8} wrap align="center">
              <Typography.Text strong>{t('proposal.version', { number: v.number })}</Typography.Text>
              {v.amountFen !== null ? <Typography.Text>{formatMoney(v.amountFen)}</Typography.Text> : null}
              <Typography.Text type="secondary">
                {v.createdByName ?? ''} · {formatDateTime(v.createdAt)}
              </Typography.Text>
              {v.presentedAt ? <Tag>{t('proposal.presentedAt', { time: formatDateTime(v.presentedAt) })}</Tag> : null}
              {v.answer ? (
                <Tag color={v.answer === 'accepted' ? 'success' : 'error'}>{t('proposal.answeredAt', { time: formatDateTime(v.answeredAt), answer: label('proposalStatus', v.answer) })}</Tag>
              ) : null}
            </Flex>
            {v.summary ? <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{v.summary}</Typography.Text> : null}
            {v.rejectReason ? <Typography.Text type="danger">{t('proposal.rejectReason', { reason: v.rejectReason })}</Typography.Text> : null}
            <AttachmentList files={v.attachments} />
          </Flex>
        ))}
      </Flex>
      {can && p.status !== 'accepted' ? (
        <Space size={6} wrap>
          {p.status === 'draft' ? (
            <Button size="small" type="primary" onClick={() => run('proposal/present', t('proposal.presentSuccess'))} loading={action.isPending} data-testid="proposal-present">
              {t('proposal.present')}
            </Button>
          ) : null}
          {p.status === 'presented' ? (
            <>
              <Button size="small" type="primary" onClick={() => run('proposal/accept', t('proposal.acceptSuccess'))} loading={action.isPending} data-testid="proposal-accept">
                {t('proposal.accept')}
              </Button>
              <Button size="small" danger onClick={() => setModal('reject')} data-testid="proposal-reject">
                {t('proposal.reject')}
              </Button>
            </>
          ) : null}
          <Button size="small" icon={<PlusOutlined />} onClick={() => setModal('version')} data-testid="proposal-add-version">
            {t('proposal.addVersion')}
          </Button>
        </Space>
      ) : null}
      <FormModal<Values>
        open={modal !== null}
        title={t(modal === 'reject' ? 'proposal.rejectTitle' : 'proposal.addVersionTitle')}
        form={form}
        onClose={() => setModal(null)}
        onSubmit={submit}
        saving={action.isPending}
        success={t(modal === 'reject' ? 'proposal.rejectSuccess' : 'proposal.versionSuccess')}
        name={`proposal-${modal ?? 'version'}`}
      >
        {modal === 'reject' ? (
          <Form.Item name="reason" label={t('proposal.reason')} rules={[rules.required(t('proposal.reason')), rules.max(500)]}>
            <Input.TextArea rows={2} data-testid="proposal-reject-reason" />
          </Form.Item>
        ) : (
          <>
            <Form.Item name="summary" label={t('form.summary')} rules={[rules.max(5000)]}>
              <Input.TextArea rows={3} data-testid="proposal-version-summary" />
            </Form.Item>
            <Form.Item name="amountFen" label={t('form.amount')}>
              <MoneyInput testId="proposal-version-amount" />
            </Form.Item>
            <Form.Item name="files" label={t('proposal.files')} valuePropName="fileList" getValueFromEvent={pickedFiles}>
              <FilePicker label={t('proposal.files')} testId="proposal-version-files" />
            </Form.Item>
          </>
        )}
      </FormModal>
    </Flex>
  );
}
