import { maskPhone } from '../phone.ts';

export interface SmsMessage {
  /** E.164. */
  to: string;
  text: string;
  /** The outbound message id: a provider may use it to deduplicate a retried send. */
  messageId: string;
  tenantId: string;
}

/** An SMS gateway. `send` resolves with the provider's reference once the gateway accepted the message, or throws. */
export interface SmsProvider {
  readonly name: string;
  send(msg: SmsMessage): Promise<{ providerRef: string }>;
}

/**
 * The development provider: the message is already recorded in `outbound_messages` (the outbox), so "sending" is
 * writing it to the log, where a developer reads the verification code. Never use it where real customers wait
 * for a text.
 */
export function outboxSmsProvider(log: (line: string) => void = (line) => console.info(line)): SmsProvider {
  return {
    name: 'outbox',
    async send(msg) {
      log(`[sms outbox] to ${maskPhone(msg.to)} (message ${msg.messageId}): ${msg.text}`);
      return { providerRef: `outbox:${msg.messageId}` };
    },
  };
}

/**
 * A gateway behind an HTTP endpoint (an in-house relay, or an adapter to Aliyun/Tencent SMS): POST JSON
 * `{ messageId, tenantId, to, text }` with an optional bearer token; any 2xx is accepted, its JSON `id` (if any) is
 * the provider reference; anything else fails the attempt (the job retries with back-off).
 */
export function webhookSmsProvider(url: string, token?: string, timeoutMs = 10_000): SmsProvider {
  return {
    name: 'webhook',
    async send(msg) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ messageId: msg.messageId, tenantId: msg.tenantId, to: msg.to, text: msg.text }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`SMS gateway answered ${res.status}: ${text.slice(0, 200)}`);
      let id: unknown;
      try {
        id = (JSON.parse(text) as { id?: unknown }).id;
      } catch {}
      return { providerRef: typeof id === 'string' || typeof id === 'number' ? String(id) : `webhook:${msg.messageId}` };
    },
  };
}

/** The provider the environment asks for: SMS_PROVIDER=outbox (default) or webhook (SMS_WEBHOOK_URL, SMS_WEBHOOK_TOKEN). */
export function smsProviderFromEnv(env: NodeJS.ProcessEnv = process.env): SmsProvider {
  const kind = env.SMS_PROVIDER || 'outbox';
  if (kind === 'outbox') return outboxSmsProvider();
  if (kind === 'webhook') {
    if (!env.SMS_WEBHOOK_URL) throw new Error('SMS_PROVIDER=webhook needs SMS_WEBHOOK_URL');
    return webhookSmsProvider(env.SMS_WEBHOOK_URL, env.SMS_WEBHOOK_TOKEN || undefined);
  }
  throw new Error(`unknown SMS_PROVIDER "${kind}" (outbox or webhook)`);
}
