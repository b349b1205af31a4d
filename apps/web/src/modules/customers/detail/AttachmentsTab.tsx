import { App, Empty, Popconfirm, Table, Button, Typography, Upload } from 'antd';
import { InboxOutlined, PaperClipOutlined } from '@ant-design/icons';
import type { AttachmentDto } from '@jiake/shared';
import { ATTACHMENT_EXTENSIONS } from '@jiake/shared';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../shared/api/client';
import { errorText } from '../../../shared/api/errors';
import { useCan } from '../../../shared/auth/access';
import { formatDateTime } from '../../../shared/format/date';
import { UserName } from '../../users';
import { attachmentDownloadUrl, useAttachments, useDeleteAttachment, useUploadAttachment } from '../api/attachments';

const ACCEPT = ATTACHMENT_EXTENSIONS.map((e) => `.${e}`).join(',');

/** 1536 → "1.5 KB". */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** 附件: room photos, floor plans, designs and contracts of a customer. */
export function AttachmentsTab({ customerId }: { customerId: string }) {
  const { t } = useTranslation('customers');
  const { message } = App.useApp();
  const canUpload = useCan('attachments:create');
  const canDelete = useCan('attachments:delete');
  const { data, isLoading } = useAttachments(customerId);
  const upload = useUploadAttachment(customerId);
  const remove = useDeleteAttachment(customerId);

  const send = async (file: File) => {
    try {
      const a = await upload.mutateAsync(file);
      message.success(t('attachments.uploaded', { name: a.fileName }));
    } catch (e) {
      if (isApiError(e) && e.status === 413) message.error(t('attachments.tooLarge'));
      else if (isApiError(e) && (e.code === 'unsupported_file' || e.status === 415)) message.error(t('attachments.badType', { name: file.name }));
      else message.error(errorText(e));
    }
  };

  return (
    <>
      {canUpload ? (
        <div data-testid="attachment-upload" style={{ marginBottom: 16 }}>
          <Upload.Dragger
            multiple
            accept={ACCEPT}
            showUploadList={false}
            disabled={upload.isPending}
            customRequest={({ file, onSuccess }) => {
              void send(file as File).finally(() => onSuccess?.({}));
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('attachments.upload')}</p>
            <p className="ant-upload-hint">{t('attachments.uploadHint')}</p>
          </Upload.Dragger>
        </div>
      ) : null}
      <Table<AttachmentDto>
        rowKey="id"
        size="middle"
        loading={isLoading || upload.isPending}
        pagination={false}
        dataSource={data ?? []}
        locale={{ emptyText: <Empty description={t('attachments.empty')} /> }}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            key: 'fileName',
            title: t('attachments.fileName'),
            render: (_, a) => (
              <a href={attachmentDownloadUrl(a.id)} download={a.fileName}>
                <PaperClipOutlined /> {a.fileName}
              </a>
            ),
          },
          { key: 'size', title: t('attachments.size'), render: (_, a) => fileSize(a.size) },
          { key: 'uploadedBy', title: t('attachments.uploadedBy'), render: (_, a) => <UserName id={a.uploadedBy} /> },
          { key: 'createdAt', title: t('attachments.createdAt'), render: (_, a) => <Typography.Text>{formatDateTime(a.createdAt)}</Typography.Text> },
          ...(canDelete
            ? [
                {
                  key: 'actions',
                  title: t('common:action.more'),
                  render: (_: unknown, a: AttachmentDto) => (
                    <Popconfirm
                      title={t('attachments.deleteTitle', { name: a.fileName })}
                      okButtonProps={{ danger: true }}
                      onConfirm={() => remove.mutateAsync(a.id).then(() => message.success(t('common:message.deleted')))}
                    >
                      <Button type="link" size="small" danger>
                        {t('common:action.delete')}
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
    </>
  );
}
