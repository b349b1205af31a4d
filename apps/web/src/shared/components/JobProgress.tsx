import type { ReactNode } from 'react';
import { Alert, Flex, Progress, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { type Job, useJob } from '../api/jobs';

interface Props<R> {
  jobId: string;
  /** What to show once the job succeeded (a report, a download link). */
  children?: (job: Job<R>) => ReactNode;
}

/** Follows a background job once a second: a progress bar, then the result or the error. */
export function JobProgress<R = Record<string, unknown>>({ jobId, children }: Props<R>) {
  const { t } = useTranslation();
  const { data: job } = useJob<R>(jobId);
  if (!job || job.status === 'queued') {
    return (
      <Flex vertical gap={8} data-testid="job-progress">
        <Progress percent={0} status="active" />
        <Typography.Text type="secondary">{t('common:job.waiting')}</Typography.Text>
      </Flex>
    );
  }
  const percent = job.total > 0 ? Math.min(100, Math.floor((job.progress / job.total) * 100)) : job.status === 'succeeded' ? 100 : 0;
  return (
    <Flex vertical gap={12} data-testid="job-progress" data-status={job.status}>
      <Progress
        percent={job.status === 'succeeded' ? 100 : percent}
        status={job.status === 'failed' ? 'exception' : job.status === 'succeeded' ? 'success' : 'active'}
      />
      {job.status === 'running' ? (
        <Typography.Text type="secondary">{t('common:job.running', { progress: job.progress, total: job.total || '?' })}</Typography.Text>
      ) : null}
      {job.status === 'failed' ? <Alert type="error" showIcon title={t('common:job.failed', { error: job.error ?? '' })} /> : null}
      {job.status === 'succeeded' ? (
        <>
          <Alert type="success" showIcon title={t('common:job.succeeded')} />
          {children?.(job)}
        </>
      ) : null}
    </Flex>
  );
}
