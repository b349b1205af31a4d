import { useState } from 'react';
import { App, Button, Card, Form, Input, List, Select, Typography } from 'antd';
import { REQUEST_TYPES } from '@jiake/shared';
import { useTranslation } from 'react-i18next';
import { useFormErrors } from '../../../shared/api/useFormErrors';
import { useDebounced } from '../../../shared/hooks/useDebounced';
import { useRules } from '../../../shared/forms/rules';
import { type SubmitBody, usePublicSuggestions, useSubmitRequest } from '../api';
import { ArticleDrawer } from './ArticleDrawer';

interface Values {
  type: SubmitBody['type'];
  subject: string;
  description: string;
  name?: string;
}

/** 提交请求: type, subject, details (and a name the first time); articles that may already answer it appear as one types. */
export function NewRequestForm({ tenantCode, known, onDone }: { tenantCode: string; known: boolean; onDone: () => void }) {
  const { t } = useTranslation('selfService');
  const { message } = App.useApp();
  const rules = useRules();
  const onError = useFormErrors();
  const [form] = Form.useForm<Values>();
  const submit = useSubmitRequest(tenantCode);
  const subject = Form.useWatch('subject', form) ?? '';
  const description = Form.useWatch('description', form) ?? '';
  const typed = useDebounced(`${subject} ${description}`, 500);
  const { data: helpful } = usePublicSuggestions(tenantCode, typed);
  const [reading, setReading] = useState<string | null>(null);

  const finish = (v: Values) =>
    submit.mutate(
      { ...v, name: v.name?.trim() || undefined },
      {
        onSuccess: (r) => {
          message.success(t('form.submitted', { number: r.number }));
          form.resetFields();
          onDone();
        },
        onError: (e) => onError(form, e),
      },
    );

  return (
    <Card data-testid="new-request">
      <Form<Values> form={form} layout="vertical" onFinish={finish} initialValues={{ type: 'consultation' }} name="self-service-request">
        <Form.Item name="type" label={t('form.type')} rules={[rules.requiredSelect(t('form.type'))]}>
          <Select options={REQUEST_TYPES.map((type) => ({ value: type, label: t(`type.${type}`) }))} data-testid="new-request-type" />
        </Form.Item>
        <Form.Item name="subject" label={t('form.subject')} rules={[rules.required(t('form.subject')), rules.max(200)]}>
          <Input maxLength={200} placeholder={t('form.subjectPlaceholder')} data-testid="new-request-subject" />
        </Form.Item>
        <Form.Item name="description" label={t('form.description')} rules={[rules.required(t('form.description')), rules.max(5000)]}>
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={5000} placeholder={t('form.descriptionPlaceholder')} data-testid="new-request-description" />
        </Form.Item>
        {known ? null : (
          <Form.Item name="name" label={t('form.name')} extra={t('form.nameHint')} rules={[rules.required(t('form.name')), rules.max(100)]}>
            <Input maxLength={100} autoComplete="name" data-testid="new-request-name" />
          </Form.Item>
        )}
        {helpful?.length ? (
          <List
            size="small"
            header={<Typography.Text type="secondary">{t('form.helpful')}</Typography.Text>}
            dataSource={helpful}
            style={{ marginBottom: 16 }}
            renderItem={(a) => (
              <List.Item>
                <Button type="link" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start' }} onClick={() => setReading(a.id)}>
                  {a.title}
                </Button>
              </List.Item>
            )}
            data-testid="new-request-helpful"
          />
        ) : null}
        <Button type="primary" size="large" block htmlType="submit" loading={submit.isPending} data-testid="new-request-submit">
          {t('form.submit')}
        </Button>
      </Form>
      <ArticleDrawer tenantCode={tenantCode} id={reading} onClose={() => setReading(null)} />
    </Card>
  );
}
