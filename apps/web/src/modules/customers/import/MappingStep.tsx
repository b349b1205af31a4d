import { useMemo, useState } from 'react';
import { Alert, Button, Flex, Select, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportUpload } from '../api/imports';

interface Props {
  upload: ImportUpload;
  mapping: Record<string, string>;
  onChange: (m: Record<string, string>) => void;
  onBack: () => void;
  onNext: () => void;
  busy?: boolean;
}

/** A header's sample values; the server sends rows as {header: text} (older drafts used arrays). */
function samplesOf(upload: ImportUpload, header: string): string[] {
  const i = upload.headers.indexOf(header);
  return (upload.sample as unknown[])
    .map((row) => (Array.isArray(row) ? row[i] : (row as Record<string, string>)[header]))
    .filter((v): v is string => typeof v === 'string' && v.trim() !== '')
    .slice(0, 3);
}

/** Step 2: each file column → a customer field (prefilled from the server's suggestion), required fields checked. */
export function MappingStep({ upload, mapping, onChange, onBack, onNext, busy }: Props) {
  const { t } = useTranslation('customers');
  const [error, setError] = useState<string | null>(null);
  const options = useMemo(
    () => [
      { value: '', label: t('import.skip') },
      ...upload.fields.map((f) => ({ value: f.key, label: f.required ? `${f.label}（${t('import.required')}）` : f.label })),
    ],
    [upload.fields, t],
  );

  const next = () => {
    const mapped = new Set(Object.values(mapping).filter(Boolean));
    const missing = upload.fields.filter((f) => f.required && !mapped.has(f.key)).map((f) => f.label);
    if (missing.length) {
      setError(t('import.missingRequired', { fields: missing.join('、') }));
      return;
    }
    setError(null);
    onNext();
  };

  return (
    <Flex vertical gap={16}>
      <Typography.Text>{t('import.fileInfo', { name: upload.fileName, rows: upload.rowCount })}</Typography.Text>
      {upload.mappingRemembered ? <Alert type="success" showIcon title={t('import.remembered')} /> : null}
      {error ? <Alert type="error" showIcon title={error} data-testid="mapping-error" /> : null}
      <Table
        rowKey="header"
        size="small"
        pagination={false}
        dataSource={upload.headers.map((header) => ({ header }))}
        data-testid="import-mapping"
        columns={[
          { key: 'header', title: t('import.header'), render: (_, r) => <Typography.Text strong>{r.header}</Typography.Text> },
          {
            key: 'sample',
            title: t('import.sample'),
            render: (_, r) => <Typography.Text type="secondary">{samplesOf(upload, r.header).join(' / ')}</Typography.Text>,
          },
          {
            key: 'target',
            title: t('import.target'),
            width: 260,
            render: (_, r) => (
              <Select
                value={mapping[r.header] ?? ''}
                onChange={(v) => onChange({ ...mapping, [r.header]: v })}
                options={options}
                showSearch={{ optionFilterProp: 'label' }}
                style={{ width: 240 }}
                data-testid={`map-${r.header}`}
              />
            ),
          },
        ]}
      />
      <Alert type="info" showIcon title={t('import.dryRunHint')} />
      <Flex gap={8} justify="flex-end">
        <Button onClick={onBack}>{t('common:action.previous')}</Button>
        <Button type="primary" onClick={next} loading={busy} data-testid="import-dry-run">
          {t('import.startDryRun')}
        </Button>
      </Flex>
    </Flex>
  );
}
