import { useCallback, useRef, useState } from 'react';

type SetState<T> = (v: T | ((prev: T) => T)) => void;

/**
 * State that falls back to `initial` whenever `key` changes (e.g. a list's selection or paging when its
 * filters change), without an effect and the extra render it costs.
 */
export function useKeyedState<T>(initial: T, key: string): [T, SetState<T>] {
  const first = useRef(initial);
  const [state, setState] = useState({ key, value: initial });
  const value = state.key === key ? state.value : first.current;
  const set: SetState<T> = useCallback(
    (v) =>
      setState((prev) => {
        const base = prev.key === key ? prev.value : first.current;
        return { key, value: typeof v === 'function' ? (v as (p: T) => T)(base) : v };
      }),
    [key],
  );
  return [value, set];
}
