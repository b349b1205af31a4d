import { useState } from 'react';
import { Alert, Spin, Upload } from 'antd';
import { FileExcelOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../shared/api/client';
import { errorText } from '../../../shared/api/errors';
import { type ImportUpload, useUploadImport } from '../api/imports';

/** Step 1: an .xlsx or .csv file; the server answers with its headers, sample rows and a suggested mapping. */
export function UploadStep({ onUploaded }: { onUploaded: (u: ImportUpload) => void }) {
  const { t } = useTranslation('customers');
  const upload = useUploadImport();
  const [error, setError] = useState<string | null>(null);

  const explain = (e: unknown) => {
    if (isApiError(e) && (e.status === 413 || e.code === 'payload_too_large')) return t('import.error.tooLarge');
    if (isApiError(e) && (e.code === 'unsupported_file' || e.status === 415)) return t('import.error.notSheet');
    if (isApiError(e) && e.code === 'malformed_body') return t('import.error.malformed');
    if (isApiError(e) && e.status === 422 && e.issues.length) return `${t('import.error.malformed')}${t('common:colon')}${errorText(e)}`;
    return errorText(e);
  };

  const send = async (file: File) => {
    setError(null);
    try {
      onUploaded(await upload.mutateAsync(file));
    } catch (e) {
      setError(explain(e));
    }
  };

  return (
    <>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="import-error" /> : null}
      <div data-testid="import-upload">
        <Upload.Dragger
          accept=".xlsx,.csv"
          multiple={false}
          showUploadList={false}
          disabled={upload.isPending}
          customRequest={({ file, onSuccess }) => {
            void send(file as File).finally(() => onSuccess?.({}));
          }}
        >
          {upload.isPending ? (
            <Spin tip={t('import.uploading')}>
              <div style={{ height: 120 }} />
            </Spin>
          ) : (
            <>
              <p className="ant-upload-drag-icon">
                <FileExcelOutlined style={{ color: '#1d6f42' }} />
              </p>
              <p className="ant-upload-text">{t('import.upload')}</p>
              <p className="ant-upload-hint">{t('import.uploadHint')}</p>
            </>
          )}
        </Upload.Dragger>
      </div>
    </>
  );
}
