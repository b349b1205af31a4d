/** Exponential back-off: `baseMs` after the first failure, doubling, capped at `capMs`. */
export function backoffMs(attempt: number, baseMs: number, capMs = 3_600_000): number {
  return Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
}
