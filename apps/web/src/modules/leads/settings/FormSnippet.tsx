import { Flex, Tabs, Typography } from 'antd';
import { LEAD_FORM_HONEYPOT } from '@jiake/shared';
import { useTranslation } from 'react-i18next';
import { CopyButton } from '../../../shared/components/CopyButton';
import { useCurrentUser } from '../../../shared/auth/me';
import type { WebForm } from '../api';

function Code({ text, testId }: { text: string; testId: string }) {
  return (
    <Flex vertical gap={8}>
      <pre style={{ background: '#f6f6f6', padding: 12, borderRadius: 6, overflowX: 'auto', margin: 0, fontSize: 12 }} data-testid={testId}>
        {text}
      </pre>
      <div>
        <CopyButton text={text} testId={`${testId}-copy`} />
      </div>
    </Flex>
  );
}

/** How the brand's website posts to a form: the endpoint, a curl example and an HTML form with the honeypot field. */
export function FormSnippet({ form }: { form: WebForm }) {
  const { t } = useTranslation('leads');
  const me = useCurrentUser();
  const endpoint = `${window.location.origin}/api/v1/public/${me?.tenant.code ?? '{tenant}'}/lead-forms/${form.key}`;
  const curl = [
    `curl -X POST '${endpoint}' \\`,
    `  -H 'content-type: application/json' \\`,
    `  -d '${JSON.stringify({ name: t('settings.snippetName'), phone: '13800000000', message: t('settings.snippetMessage'), rooms: ['livingRoom'], budgetBand: '50kTo100k' })}'`,
  ].join('\n');
  const html = `<form id="jiake-lead-form">
  <input name="name" placeholder="${t('settings.snippetName')}" required maxlength="50">
  <input name="phone" placeholder="${t('settings.snippetPhone')}" required>
  <textarea name="message" placeholder="${t('settings.snippetMessage')}"></textarea>
  <!-- ${t('settings.honeypot', { field: LEAD_FORM_HONEYPOT })} -->
  <input name="${LEAD_FORM_HONEYPOT}" tabindex="-1" autocomplete="off" style="position:absolute;left:-9999px" aria-hidden="true">
  <button type="submit">${t('settings.snippetSubmit')}</button>
</form>
<script>
document.getElementById('jiake-lead-form').addEventListener('submit', async function (e) {
  e.preventDefault();
  var body = Object.fromEntries(new FormData(e.target));
  var res = await fetch('${endpoint}', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  alert(res.ok ? '${t('settings.snippetThanks')}' : '${t('settings.snippetFailed')}');
  if (res.ok) e.target.reset();
});
</script>`;
  return (
    <Flex vertical gap={12} data-testid="lead-form-snippet">
      <Flex gap={8} align="center" wrap>
        <Typography.Text strong>{t('settings.endpoint')}</Typography.Text>
        <Typography.Text code copyable={{ text: endpoint }} data-testid="lead-form-endpoint">
          {endpoint}
        </Typography.Text>
      </Flex>
      <Typography.Text type="secondary">{t('settings.honeypot', { field: LEAD_FORM_HONEYPOT })}</Typography.Text>
      <Tabs
        items={[
          { key: 'html', label: t('settings.html'), children: <Code text={html} testId="lead-form-html" /> },
          { key: 'curl', label: t('settings.curl'), children: <Code text={curl} testId="lead-form-curl" /> },
        ]}
      />
    </Flex>
  );
}
