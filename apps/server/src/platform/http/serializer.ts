import { isDeepStrictEqual } from 'node:util';
import fastJson from 'fast-json-stringify';
import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';

/**
 * Responses are written by a serializer compiled from each route's zod response schema (fast-json-stringify): it
 * writes only the declared properties, in order, without first building an encoded copy of the answer as zod does.
 * In development and tests (`check`), every answer is also encoded by zod, so a handler answering anything its schema
 * does not allow still fails there, and the two must agree on every answer (after parsing) or the request fails.
 * A schema the compiler cannot take (`fallbacks`) keeps zod's serializer. Unchecked, an answer of the wrong type is
 * coerced rather than refused (as Fastify's own serializer does); the checked runs are what keep handlers honest.
 */
type Schema = Record<string, unknown>;
type CompilerInput = { schema: unknown; method: string; url: string; httpStatus?: string };

export interface ResponseSerializer {
  compiler: (input: CompilerInput) => (data: unknown) => string;
  /** Routes (method url status) whose schema keeps zod's serializer, with why. */
  fallbacks: { route: string; reason: string }[];
  /** Response schemas compiled (fallbacks included). */
  compiled(): number;
}

const isObject = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * zod writes `.nullable()` as `anyOf: [X, { type: 'null' }]`. The compiler picks an anyOf branch by validating the
 * value against each (ajv, per value): a nullable column in every row would pay for that. A plain `type` gets 'null'
 * added instead; anything else stays an anyOf.
 */
export function simplifyNullables(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(simplifyNullables);
  if (!isObject(node)) return node;
  const out: Schema = {};
  for (const [k, v] of Object.entries(node)) out[k] = simplifyNullables(v);
  const any = out.anyOf;
  if (Array.isArray(any) && any.length === 2) {
    const nullAt = any.findIndex((s) => isObject(s) && s.type === 'null' && Object.keys(s).length === 1);
    const other = any[1 - nullAt] as Schema | undefined;
    if (nullAt >= 0 && isObject(other) && typeof other.type === 'string' && !('anyOf' in other) && !('oneOf' in other)) {
      const { anyOf: _drop, ...rest } = out;
      const merged: Schema = { ...rest, ...other, type: [other.type, 'null'] };
      // enum and const hold for every type: null must be one of them too (the compiler validates union branches).
      if (Array.isArray(other.enum)) merged.enum = [...other.enum, null];
      if ('const' in other) {
        delete merged.const;
        merged.enum = [other.const, null];
      }
      return merged;
    }
  }
  return out;
}

/** The JSON Schema of a zod schema as answered (output), ready for the compiler. */
export function responseJsonSchema(schema: z.ZodType): Schema {
  const json = z.toJSONSchema(schema, { io: 'output', target: 'draft-7', unrepresentable: 'throw', cycles: 'ref', reused: 'inline' }) as Schema;
  delete json.$schema;
  return simplifyNullables(json) as Schema;
}

function zodSchemaOf(maybe: unknown): z.ZodType | null {
  if (maybe instanceof z.ZodType) return maybe;
  if (isObject(maybe) && maybe.properties instanceof z.ZodType) return maybe.properties;
  return null;
}

/** Write with `fast`, but only what zod also accepts and writes the same (compared as parsed JSON). */
export function checkedSerializer(route: string, fast: (data: unknown) => string, viaZod: (data: unknown) => string) {
  return (data: unknown) => {
    const checked = viaZod(data);
    const written = fast(data);
    if (!isDeepStrictEqual(JSON.parse(written), JSON.parse(checked))) {
      throw new Error(`the compiled serializer of ${route} wrote ${written.slice(0, 500)} where zod wrote ${checked.slice(0, 500)}`);
    }
    return written;
  };
}

export function createResponseSerializer(opts: { check: boolean }): ResponseSerializer {
  const fallbacks: ResponseSerializer['fallbacks'] = [];
  let compiled = 0;
  /** Compile one route's serializer: the fast one, or zod's where its schema cannot be compiled. */
  const build = (input: CompilerInput): ((data: unknown) => string) => {
    compiled++;
    const viaZod = zodSerializerCompiler(input as Parameters<typeof zodSerializerCompiler>[0]);
    const schema = zodSchemaOf(input.schema);
    const route = `${input.method} ${input.url} ${input.httpStatus ?? ''}`.trim();
    let fast: (data: unknown) => string;
    try {
      if (!schema) throw new Error('not a zod schema');
      fast = fastJson(responseJsonSchema(schema) as unknown as Parameters<typeof fastJson>[0]) as (data: unknown) => string;
    } catch (err) {
      fallbacks.push({ route, reason: (err as Error).message.split('\n')[0] });
      return viaZod;
    }
    if (opts.check) return checkedSerializer(route, fast, viaZod);
    // Where the compiled one cannot write an answer (a union it cannot place), zod writes it or refuses it (a 500).
    return (data: unknown) => {
      try {
        return fast(data);
      } catch {
        return viaZod(data);
      }
    };
  };
  // Checked (tests, development), every schema is compiled at start-up, so a schema the compiler cannot take is known
  // at once. Unchecked (the built server), each is compiled on its route's first answer: some 400 schemas at start-up
  // would cost the first page most of a second, and many routes are seldom called.
  const compiler = (input: CompilerInput) => {
    if (opts.check) return build(input);
    let write: ((data: unknown) => string) | null = null;
    return (data: unknown) => (write ??= build(input))(data);
  };
  return { compiler, fallbacks, compiled: () => compiled };
}
