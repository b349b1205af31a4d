/**
 * A bridge from non-React code (the query client's error hooks) to antd's message API,
 * which lives in React context. <NotifyBridge/> fills it in.
 */
export interface Notifier {
  error(text: string): void;
  success(text: string): void;
}

let current: Notifier | null = null;

export function setNotifier(n: Notifier | null) {
  current = n;
}

export const notify: Notifier = {
  error: (text) => current?.error(text),
  success: (text) => current?.success(text),
};
