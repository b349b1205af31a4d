import { useState } from 'react';
import { Button, Dropdown, Flex, Modal, Typography } from 'antd';
import { DownloadOutlined, ExportOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { JobProgress } from '../../../shared/components/JobProgress';
import { type ExportResult, exportDownloadUrl, useExportColumns, useStartExport } from '../api/exports';
import type { CustomerFilters } from '../types';

/** 导出 Excel / 导出 CSV of the current filters and visible columns, as a background job. */
export function ExportMenu({ filters, visibleKeys }: { filters: CustomerFilters; visibleKeys: string[] }) {
  const { t } = useTranslation('customers');
  const start = useStartExport();
  const [menuOpened, setMenuOpened] = useState(false);
  const { data: exportable } = useExportColumns(menuOpened);
  const [jobId, setJobId] = useState<string | null>(null);

  const run = async (format: 'xlsx' | 'csv') => {
    const known = exportable ? new Set(exportable) : null;
    const columns = known ? visibleKeys.filter((k) => known.has(k)) : [];
    const job = await start.mutateAsync({ format, filter: filters, ...(columns.length ? { columns } : {}) });
    setJobId(job.id);
  };

  return (
    <>
      <Dropdown
        onOpenChange={(o) => o && setMenuOpened(true)}
        menu={{
          items: [
            { key: 'xlsx', label: t('export.excel') },
            { key: 'csv', label: t('export.csv') },
          ],
          onClick: ({ key }) => void run(key as 'xlsx' | 'csv').catch(() => undefined),
        }}
      >
        <Button icon={<ExportOutlined />} loading={start.isPending} data-testid="customer-export">
          {t('export.action')}
        </Button>
      </Dropdown>
      <Modal open={!!jobId} title={t('export.title')} footer={null} onCancel={() => setJobId(null)} destroyOnHidden>
        <Typography.Paragraph type="secondary">{t('export.hint')}</Typography.Paragraph>
        {jobId ? (
          <JobProgress<ExportResult> jobId={jobId}>
            {(job) => (
              <Flex vertical gap={8}>
                {job.result ? <Typography.Text>{t('export.count', { count: job.result.count })}</Typography.Text> : null}
                {job.result?.phonesMasked ? <Typography.Text type="secondary">{t('export.masked')}</Typography.Text> : null}
                <a href={exportDownloadUrl(job.id)} download>
                  <Button type="primary" icon={<DownloadOutlined />} data-testid="export-download">
                    {t('export.download')}
                  </Button>
                </a>
              </Flex>
            )}
          </JobProgress>
        ) : null}
      </Modal>
    </>
  );
}
