import { useEffect } from 'react';
import { App, Button, Flex, Form, Popconfirm, Spin, Tag } from 'antd';
import { PlusOutlined, UndoOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { FollowupTemplateDto, FollowupTemplateInputValue } from '@jiake/shared';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../shared/components/PageHeader';
import { useFormErrors } from '../../../shared/api/useFormErrors';
import { validated } from '../../../shared/forms/validated';
import { useFollowupTemplates, useResetTemplates, useSaveTemplates } from '../api/templates';
import { localiseIssues } from '../issues';
import { TemplateRow } from '../templates/TemplateRow';

type Row = Omit<FollowupTemplateDto, 'timeOfDay' | 'position'> & { timeOfDay: Dayjs | null };
interface Values {
  items: Row[];
}

const toRow = (t: FollowupTemplateDto): Row => ({ ...t, timeOfDay: t.timeOfDay ? dayjs(t.timeOfDay, 'HH:mm') : null });
const toInput = (r: Row): FollowupTemplateInputValue => ({
  key: r.key,
  name: r.name.trim(),
  anchor: r.anchor,
  offsetDays: r.offsetDays,
  timeOfDay: r.timeOfDay ? r.timeOfDay.format('HH:mm') : null,
  ownerRule: r.ownerRule,
  ownerUserId: r.ownerRule === 'user' ? (r.ownerUserId ?? null) : null,
  message: r.message?.trim() || null,
  needsSatisfaction: !!r.needsSatisfaction,
  enabled: !!r.enabled,
});
/** A key for a new step: lowercase, unique enough within one list. */
const newKey = () => `custom_${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;

/** 售后跟进步骤: the tenant's step list; changes apply to orders paid afterwards. */
export default function FollowupTemplatesPage() {
  const { t } = useTranslation('followups');
  const { message } = App.useApp();
  const onError = useFormErrors();
  const [form] = Form.useForm<Values>();
  const { data, isLoading } = useFollowupTemplates();
  const save = useSaveTemplates();
  const reset = useResetTemplates();

  useEffect(() => {
    if (data) form.setFieldsValue({ items: data.items.map(toRow) });
  }, [data, form]);

  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    try {
      await save.mutateAsync((form.getFieldValue('items') as Row[]).map(toInput)).catch(localiseIssues);
      message.success(t('templates.saved'));
    } catch (e) {
      onError(form, e);
    }
  };

  return (
    <>
      <PageHeader
        title={t('templates.title')}
        subTitle={data ? <Tag color={data.customised ? 'blue' : 'default'}>{t(data.customised ? 'templates.customised' : 'templates.defaults')}</Tag> : null}
        extra={
          <>
            <Popconfirm title={t('templates.resetConfirm')} description={t('templates.resetHint')} onConfirm={() => reset.mutateAsync().then(() => message.success(t('templates.resetDone')))}>
              <Button icon={<UndoOutlined />} loading={reset.isPending} disabled={!data?.customised} data-testid="followup-templates-reset">
                {t('templates.reset')}
              </Button>
            </Popconfirm>
            <Button type="primary" onClick={submit} loading={save.isPending} data-testid="followup-templates-save">
              {t('templates.save')}
            </Button>
          </>
        }
      />
      <Flex vertical gap={8} style={{ marginBottom: 12 }}>
        {t('templates.intro')}
      </Flex>
      {isLoading ? (
        <Spin />
      ) : (
        <Form form={form} layout="vertical" name="followup-templates" data-testid="followup-templates-form">
          <Form.List name="items">
            {(fields, { add, remove, move }) => (
              <Flex vertical gap={12}>
                {fields.map((f, i) => (
                  <TemplateRow key={f.key} name={f.name} index={i} count={fields.length} move={move} remove={remove} />
                ))}
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  disabled={fields.length >= 30}
                  onClick={() =>
                    add({ key: newKey(), name: '', anchor: 'paid', offsetDays: 1, timeOfDay: null, ownerRule: 'salesperson', ownerUserId: null, message: null, needsSatisfaction: false, enabled: true })
                  }
                  data-testid="followup-template-add"
                >
                  {t('templates.add')}
                </Button>
              </Flex>
            )}
          </Form.List>
        </Form>
      )}
    </>
  );
}
