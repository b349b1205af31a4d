import { useEffect } from 'react';
import { Alert, App, Button, Card, Checkbox, DatePicker, Flex, Form, Select, Switch, Tag, TimePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useFormErrors } from '../../../shared/api/useFormErrors';
import { PageHeader } from '../../../shared/components/PageHeader';
import { validated } from '../../../shared/forms/validated';
import { type Settings, useRequestSettings, useUpdateSettings } from '../api';
import { useRequestLabels } from '../labels';

interface Values extends Omit<Settings, 'openTime' | 'closeTime'> {
  openTime: Dayjs;
  closeTime: Dayjs;
}

/** A list of calendar dates: pick one to add it, click a tag's × to remove it. */
function DateList({ value = [], onChange, testId }: { value?: string[]; onChange?: (v: string[]) => void; testId: string }) {
  const { t } = useTranslation('requests');
  return (
    <Flex vertical gap={8} data-testid={testId}>
      <DatePicker placeholder={t('settings.addDate')} value={null} onChange={(d: Dayjs | null) => d && onChange?.([...new Set([...value, d.format('YYYY-MM-DD')])].sort())} />
      <Flex wrap gap={4}>
        {value.map((d) => (
          <Tag key={d} closable onClose={() => onChange?.(value.filter((x) => x !== d))}>
            {d}
          </Tag>
        ))}
      </Flex>
    </Flex>
  );
}

/** 工作时间: working days and hours (Beijing time), holidays, make-up working days, complaint causes, escalation mode. */
export default function BusinessHoursPage() {
  const { t } = useTranslation('requests');
  const { message } = App.useApp();
  const onError = useFormErrors();
  const { label } = useRequestLabels();
  const [form] = Form.useForm<Values>();
  const { data } = useRequestSettings();
  const save = useUpdateSettings();
  useEffect(() => {
    if (data) form.setFieldsValue({ ...data, openTime: dayjs(data.openTime, 'HH:mm'), closeTime: dayjs(data.closeTime, 'HH:mm') });
  }, [data, form]);
  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    try {
      await save.mutateAsync({ ...v, openTime: v.openTime.format('HH:mm'), closeTime: v.closeTime.format('HH:mm') });
      message.success(t('common:message.saved'));
    } catch (e) {
      onError(form, e);
    }
  };
  return (
    <>
      <PageHeader title={t('settings.hoursTitle')} />
      <Alert type="info" showIcon title={t('settings.hoursIntro')} style={{ marginBottom: 16 }} />
      <Card>
        <Form form={form} layout="vertical" style={{ maxWidth: 640 }} name="business-hours">
          <Form.Item name="weekdays" label={t('settings.weekdays')}>
            <Checkbox.Group options={[1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: d, label: label('weekday', d) }))} data-testid="hours-weekdays" />
          </Form.Item>
          <Flex gap={16}>
            <Form.Item name="openTime" label={t('settings.openTime')}>
              <TimePicker format="HH:mm" minuteStep={5} allowClear={false} data-testid="hours-open" />
            </Form.Item>
            <Form.Item name="closeTime" label={t('settings.closeTime')}>
              <TimePicker format="HH:mm" minuteStep={5} allowClear={false} data-testid="hours-close" />
            </Form.Item>
          </Flex>
          <Form.Item name="holidays" label={t('settings.holidays')}>
            <DateList testId="hours-holidays" />
          </Form.Item>
          <Form.Item name="extraWorkdays" label={t('settings.extraWorkdays')}>
            <DateList testId="hours-workdays" />
          </Form.Item>
          <Form.Item name="causes" label={t('settings.causes')} extra={t('settings.causesHint')}>
            <Select mode="tags" open={false} tokenSeparators={[',', '，']} data-testid="hours-causes" />
          </Form.Item>
          <Form.Item name="reassignOnEscalation" label={t('settings.reassign')} extra={t('settings.reassignHint')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Button type="primary" onClick={submit} loading={save.isPending} data-testid="hours-save">
            {t('common:action.save')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
