import { Alert, Col, Flex, Row, Statistic, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { type ImportResult, type ImportUpload, importReportUrl } from '../api/imports';

/** Counts of a finished (dry) run and the row-by-row problems, with the full report as CSV. */
export function ImportReport({ importId, result, upload }: { importId: string; result: ImportResult; upload: ImportUpload }) {
  const { t } = useTranslation('customers');
  const label = new Map(upload.fields.map((f) => [f.key, f.label]));
  const stats: [string, number | undefined, string?][] = [
    ['total', result.total],
    [result.dryRun ? 'createdDry' : 'created', result.created, '#3f8600'],
    ['updated', result.updated],
    ['skipped', result.skipped],
    ['duplicates', result.duplicates],
    ['alreadyImported', result.alreadyImported],
    ['failed', result.failed, result.failed ? '#cf1322' : undefined],
  ];
  return (
    <Flex vertical gap={16}>
      <Row gutter={16}>
        {stats
          .filter(([, v]) => v !== undefined)
          .map(([key, value, color]) => (
            <Col key={key} xs={12} md={6} lg={3}>
              <Statistic title={t(`import.result.${key}`)} value={value} styles={color ? { content: { color } } : undefined} />
            </Col>
          ))}
      </Row>
      <Flex justify="space-between" align="center">
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('import.report')}
        </Typography.Title>
        <a href={importReportUrl(importId)} download data-testid="import-report-download">
          <DownloadOutlined /> {t('import.downloadReport')}
        </a>
      </Flex>
      {result.errorsTruncated ? <Alert type="warning" showIcon title={t('import.truncated')} /> : null}
      <div data-testid="import-report">
        <Table
          size="small"
          rowKey={(r) => `${r.row}-${r.field}-${r.message}`}
          dataSource={result.errors}
          pagination={{ pageSize: 10, showSizeChanger: false, hideOnSinglePage: true }}
          locale={{ emptyText: t('import.noErrors') }}
          columns={[
            { key: 'row', title: t('import.row'), dataIndex: 'row', width: 80 },
            { key: 'field', title: t('import.field'), width: 160, render: (_, r) => label.get(r.field) ?? r.field },
            { key: 'message', title: t('import.message'), dataIndex: 'message' },
          ]}
        />
      </div>
    </Flex>
  );
}
