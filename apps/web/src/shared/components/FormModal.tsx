import type { ReactNode } from 'react';
import { App, Form, type FormInstance, Modal, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormErrors } from '../api/useFormErrors';
import type { ApplyOptions } from '../api/errors';
import { validated } from '../forms/validated';

interface Props<T> {
  open: boolean;
  title: ReactNode;
  form: FormInstance<T>;
  onClose: () => void;
  /**
   * Save the checked values. Resolve to close with `success` shown; resolve to `false` to stay open (the form shows
   * why, or the modal moves on to a next step); throw an API error to have its issues shown on the fields.
   */
  onSubmit: (values: T) => Promise<unknown>;
  saving: boolean;
  /** 保存 unless told otherwise; `null` keeps the modal's own 确定. */
  okText?: ReactNode | null;
  /** The message after a successful save; 保存成功 unless told otherwise, `null` for none. */
  success?: string | null;
  /** How server issues map onto the form's fields. */
  errors?: ApplyOptions;
  /** Shown above the form (a hint or warning). */
  intro?: ReactNode;
  /** A spinner instead of the form while its values load. */
  loading?: boolean;
  width?: number;
  /** Unmount the form when the modal closes (default). */
  destroyOnHidden?: boolean;
  name?: string;
  preserve?: boolean;
  children: ReactNode;
}

/** A modal with one vertical form: validates, saves, reports field issues from the server, then closes. */
export function FormModal<T>(p: Props<T>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const onError = useFormErrors();
  const submit = async () => {
    const values = await validated(p.form);
    if (!values) return;
    try {
      if ((await p.onSubmit(values)) === false) return;
      const success = p.success === undefined ? t('common:message.saved') : p.success;
      if (success) message.success(success);
      p.onClose();
    } catch (e) {
      onError(p.form, e, p.errors);
    }
  };
  return (
    <Modal
      open={p.open}
      title={p.title}
      onCancel={p.onClose}
      onOk={submit}
      confirmLoading={p.saving}
      okText={p.okText === undefined ? t('common:action.save') : (p.okText ?? undefined)}
      destroyOnHidden={p.destroyOnHidden ?? true}
      width={p.width}
    >
      {p.intro}
      {p.loading ? (
        <Spin />
      ) : (
        <Form form={p.form} layout="vertical" name={p.name} preserve={p.preserve}>
          {p.children}
        </Form>
      )}
    </Modal>
  );
}
