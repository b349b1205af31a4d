import { App, Button } from 'antd';
import { CopyOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

/** Copy a text to the clipboard, with a fallback for pages not served over HTTPS. */
export function CopyButton({ text, testId }: { text: string; testId?: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const copy = async () => {
    try {
      if (navigator.clipboard && window.isSecureContext) await navigator.clipboard.writeText(text);
      else {
        const area = document.createElement('textarea');
        area.value = text;
        document.body.appendChild(area);
        area.select();
        const ok = document.execCommand('copy');
        area.remove();
        if (!ok) throw new Error('copy failed');
      }
      message.success(t('common:message.copied'));
    } catch {
      message.error(t('common:message.copyFailed'));
    }
  };
  return (
    <Button icon={<CopyOutlined />} onClick={copy} data-testid={testId}>
      {t('common:action.copy')}
    </Button>
  );
}
