import { Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CopyButton } from '../../../shared/components/CopyButton';

/**
 * The message to send the customer (placeholders filled in), with a copy button for WeChat or SMS. In a list row
 * (`compact`) it is two lines with a copy icon; the full text shows on hover.
 */
export function StepMessage({ message, compact }: { message: string | null; compact?: boolean }) {
  const { t } = useTranslation();
  if (!message) return null;
  if (compact) {
    return (
      <Typography.Paragraph
        style={{ margin: 0, maxWidth: 300 }}
        ellipsis={{ rows: 2, tooltip: message }}
        copyable={{ text: message, tooltips: [t('common:action.copy'), t('common:message.copied')] }}
        data-testid="followup-message"
      >
        {message}
      </Typography.Paragraph>
    );
  }
  return (
    <Flex gap={8} align="flex-start" data-testid="followup-message">
      <Typography.Paragraph style={{ margin: 0, flex: 1, whiteSpace: 'pre-wrap' }}>{message}</Typography.Paragraph>
      <CopyButton text={message} testId="followup-copy-message" />
    </Flex>
  );
}
