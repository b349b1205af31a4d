import { useState } from 'react';
import { Button, Card, Flex, Steps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { JobProgress } from '../../../shared/components/JobProgress';
import { PageHeader } from '../../../shared/components/PageHeader';
import { type ImportResult, type ImportUpload, useRunImport } from '../api/imports';
import { ImportReport } from '../import/ImportReport';
import { MappingStep } from '../import/MappingStep';
import { UploadStep } from '../import/UploadStep';

type Step = 0 | 1 | 2 | 3;

/** Import wizard: upload → map columns → dry run with report → real run with progress and report. */
export default function ImportPage() {
  const { t } = useTranslation('customers');
  const navigate = useNavigate();
  const run = useRunImport();
  const [step, setStep] = useState<Step>(0);
  const [upload, setUpload] = useState<ImportUpload | null>(null);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [jobId, setJobId] = useState<string | null>(null);

  const restart = () => {
    setStep(0);
    setUpload(null);
    setJobId(null);
  };
  const start = async (dryRun: boolean) => {
    if (!upload) return;
    const job = await run.mutateAsync({ id: upload.id, mapping, dryRun });
    setJobId(job.id);
    setStep(dryRun ? 2 : 3);
  };

  return (
    <>
      <PageHeader title={t('import.title')} />
      <Card>
        <Steps
          current={step}
          style={{ marginBottom: 24 }}
          items={(['upload', 'mapping', 'dryRun', 'run'] as const).map((k) => ({ title: t(`import.steps.${k}`) }))}
        />
        {step === 0 ? (
          <UploadStep
            onUploaded={(u) => {
              setUpload(u);
              setMapping(Object.fromEntries(u.headers.map((h) => [h, u.suggestedMapping[h] ?? ''])));
              setStep(1);
            }}
          />
        ) : null}
        {step === 1 && upload ? (
          <MappingStep
            upload={upload}
            mapping={mapping}
            onChange={setMapping}
            onBack={restart}
            onNext={() => void start(true).catch(() => undefined)}
            busy={run.isPending}
          />
        ) : null}
        {(step === 2 || step === 3) && upload && jobId ? (
          <JobProgress<ImportResult> key={jobId} jobId={jobId}>
            {(job) => (
              <Flex vertical gap={16}>
                {job.result ? <ImportReport importId={upload.id} result={job.result} upload={upload} /> : null}
                <Flex gap={8} justify="flex-end">
                  {step === 2 ? (
                    <>
                      <Button onClick={() => setStep(1)}>{t('import.backToMapping')}</Button>
                      <Button
                        type="primary"
                        loading={run.isPending}
                        onClick={() => void start(false).catch(() => undefined)}
                        data-testid="import-run"
                      >
                        {t('import.startRun')}
                      </Button>
                    </>
                  ) : (
                    <>
                      <Button onClick={restart}>{t('import.restart')}</Button>
                      <Button type="primary" onClick={() => navigate('/customers')}>
                        {t('import.goToList')}
                      </Button>
                    </>
                  )}
                </Flex>
              </Flex>
            )}
          </JobProgress>
        ) : null}
      </Card>
    </>
  );
}
