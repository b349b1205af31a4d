/**
 * A fresh Idempotency-Key (the server takes 8–200 visible ASCII characters), one per opening of a dialog that moves
 * points or money. crypto.randomUUID exists only in secure contexts; a store's counter may reach the server over
 * plain http on its LAN, where getRandomValues still works.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function' && window.isSecureContext) return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}
