import { App, Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../shared/components/FormModal';
import { useCreateRequest, type Request } from '../api';
import { cleanValues, RequestFields } from './RequestFields';

interface Values {
  type: string;
  channel: string;
  priority: string;
  subject: string;
  [k: string]: unknown;
}

/** 新建客户请求: routing and the SLA policy apply on the server; the new request opens. */
export function NewRequestModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (r: Request) => void }) {
  const { t } = useTranslation('requests');
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateRequest();
  return (
    <FormModal<Values>
      open={open}
      title={t('form.title')}
      form={form}
      onClose={onClose}
      saving={create.isPending}
      success={null}
      width={720}
      name="new-request"
      onSubmit={async (values) => {
        const r = await create.mutateAsync(cleanValues(values, undefined) as never);
        message.success(t('form.created', { number: r.number }));
        onCreated(r);
      }}
    >
      <RequestFields mode="create" />
    </FormModal>
  );
}
