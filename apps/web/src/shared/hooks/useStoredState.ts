import { useCallback, useState } from 'react';

/** State kept in localStorage under `key` (JSON), falling back to `initial` when absent or unreadable. */
export function useStoredState<T>(key: string, initial: T): [T, (v: T) => void] {
  const [value, setValue] = useState<T>(() => {
    try {
      const raw = localStorage.getItem(key);
      return raw ? (JSON.parse(raw) as T) : initial;
    } catch {
      return initial;
    }
  });
  const set = useCallback(
    (v: T) => {
      setValue(v);
      try {
        localStorage.setItem(key, JSON.stringify(v));
      } catch {
        /* storage full or disabled: keep it for this page */
      }
    },
    [key],
  );
  return [value, set];
}
