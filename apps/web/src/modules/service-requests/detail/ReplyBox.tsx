import { useState } from 'react';
import { App, Button, Flex, Input, Segmented } from 'antd';
import { SendOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../shared/api/errors';
import { useAddActivity } from '../api';

/** 回复客户 (the first reply is the first response) or 内部备注, above the timeline. */
export function ReplyBox({ requestId, canReply }: { requestId: string; canReply: boolean }) {
  const { t } = useTranslation('requests');
  const { message } = App.useApp();
  const [kind, setKind] = useState<'reply' | 'note'>(canReply ? 'reply' : 'note');
  const [body, setBody] = useState('');
  const add = useAddActivity();
  const send = async () => {
    try {
      await add.mutateAsync({ id: requestId, body: { kind, body: body.trim() } });
      setBody('');
      message.success(t('detail.sent'));
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <Flex vertical gap={8} style={{ marginBottom: 16 }} data-testid="reply-box">
      <Segmented
        value={kind}
        onChange={(v) => setKind(v as 'reply' | 'note')}
        options={[
          { value: 'reply', label: t('detail.reply'), disabled: !canReply },
          { value: 'note', label: t('detail.note') },
        ]}
        data-testid="reply-kind"
      />
      <Input.TextArea
        rows={3}
        maxLength={5000}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        placeholder={t(kind === 'reply' ? 'detail.replyPlaceholder' : 'detail.notePlaceholder')}
        data-testid="reply-body"
      />
      <Flex justify="flex-end">
        <Button type="primary" icon={<SendOutlined />} disabled={!body.trim()} loading={add.isPending} onClick={send} data-testid="reply-send">
          {t('detail.send')}
        </Button>
      </Flex>
    </Flex>
  );
}
