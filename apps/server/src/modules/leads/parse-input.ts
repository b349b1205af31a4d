import type { z } from 'zod';
import { invalid, issue } from '../../platform/http/errors.ts';

/**
 * Parse a use case's input with its contract: routes have done it already (parsing again is harmless), other callers
 * (the demo seed, integrations) get the same defaults and the same 422 with `body.` paths.
 */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error.issues.map((i) => issue(['body', ...i.path.map(String)].join('.'), i.code, i.message)));
  return parsed.data;
}
