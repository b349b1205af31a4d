import { useCallback } from 'react';
import { useKeyedState } from './useKeyedState';

/**
 * Keyset paging: a stack of the cursors that opened each page, so "上一页" can go back.
 * The stack restarts whenever `resetKey` (the filters) changes.
 */
export function useCursorStack(resetKey: string) {
  const [stack, setStack] = useKeyedState<(string | undefined)[]>([undefined], resetKey);
  const next = useCallback(
    (cursor: string | null | undefined) => {
      if (cursor) setStack((s) => [...s, cursor]);
    },
    [setStack],
  );
  const prev = useCallback(() => setStack((s) => (s.length > 1 ? s.slice(0, -1) : s)), [setStack]);
  const reset = useCallback(() => setStack([undefined]), [setStack]);
  return { cursor: stack[stack.length - 1], page: stack.length, hasPrev: stack.length > 1, next, prev, reset };
}
export type CursorStack = ReturnType<typeof useCursorStack>;
