import { describe, expect, it } from 'vitest';
import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { checkedSerializer, createResponseSerializer, simplifyNullables } from '../../src/platform/http/serializer.ts';

/** A response schema with what the contracts use: nullable fields and objects, enums, arrays, records, optional keys, unions. */
const Row = z.object({
  id: z.uuid(),
  name: z.string(),
  amountFen: z.int(),
  note: z.string().nullable(),
  tags: z.array(z.string()),
  status: z.enum(['open', 'closed']),
  owner: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  customFields: z.record(z.string(), z.unknown()),
  at: z.iso.datetime(),
  reason: z.string().optional(),
  // A union's branch is chosen by validating the value: a nullable enum inside it must accept null.
  target: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('store'), storeId: z.uuid(), level: z.enum(['a', 'b']).nullable() }),
    z.object({ kind: z.literal('user'), userId: z.uuid() }),
  ]),
  score: z.union([z.number(), z.string()]).nullable(),
});
const Page = z.object({ items: z.array(Row), nextCursor: z.string().nullable(), total: z.int().optional() });

const row = (i: number) => ({
  id: `00000000-0000-4000-8000-00000000000${i}`,
  name: `客户 "${i}"\n\\`,
  amountFen: 123_456 + i,
  note: i % 2 ? null : '备注',
  tags: i % 2 ? [] : ['VIP', '老客户'],
  status: i % 2 ? 'open' : 'closed',
  owner: i % 2 ? null : { id: '00000000-0000-4000-8000-0000000000aa', name: '张三', passwordHash: 'never written' },
  customFields: { 面积: 120, 风格: ['新中式'], 备注: null },
  at: '2026-11-23T06:00:00.000Z',
  ...(i % 2 ? { reason: '退货' } : {}),
  target: i % 2 ? { kind: 'store', storeId: '00000000-0000-4000-8000-0000000000bb', level: null } : { kind: 'user', userId: '00000000-0000-4000-8000-0000000000cc' },
  score: i % 3 === 0 ? null : i % 3 === 1 ? 4.5 : 'A',
  internal: 'a column the schema does not declare',
});

const compile = (check: boolean, schema: z.ZodType = Page) => {
  const s = createResponseSerializer({ check });
  return { write: s.compiler({ schema, method: 'GET', url: '/api/v1/things', httpStatus: '200' }), s };
};
const zodWrite = (schema: z.ZodType, data: unknown) => zodSerializerCompiler({ schema, method: 'GET', url: '/x' } as never)(data);

describe('response serializer compiled from the zod schemas', () => {
  it('writes what zod writes, undeclared keys left out, for every shape the contracts use', () => {
    const page = { items: [row(1), row(2), row(3)], nextCursor: null, total: 3 };
    const { write, s } = compile(false);
    const written = write(page);
    expect(s.fallbacks).toEqual([]);
    expect(JSON.parse(written)).toEqual(JSON.parse(zodWrite(Page, page)));
    expect(written).not.toContain('passwordHash');
    expect(written).not.toContain('internal');
    expect(JSON.parse(written).items[0].name).toBe('客户 "1"\n\\');
  });

  it('turns a nullable plain type into a type list, and leaves nullable unions and objects to anyOf only where needed', () => {
    expect(simplifyNullables({ anyOf: [{ type: 'string', maxLength: 3 }, { type: 'null' }] })).toEqual({ type: ['string', 'null'], maxLength: 3 });
    expect(simplifyNullables({ properties: { o: { anyOf: [{ type: 'object', properties: { a: { type: 'integer' } } }, { type: 'null' }] } } })).toEqual({
      properties: { o: { type: ['object', 'null'], properties: { a: { type: 'integer' } } } },
    });
    // enum and const apply to null too, so null joins them.
    expect(simplifyNullables({ anyOf: [{ type: 'string', enum: ['a', 'b'] }, { type: 'null' }] })).toEqual({ type: ['string', 'null'], enum: ['a', 'b', null] });
    expect(simplifyNullables({ anyOf: [{ type: 'string', const: 'a' }, { type: 'null' }] })).toEqual({ type: ['string', 'null'], enum: ['a', null] });
    const union = { anyOf: [{ anyOf: [{ type: 'number' }, { type: 'string' }] }, { type: 'null' }] };
    expect(simplifyNullables(union)).toEqual(union);
  });

  it('checks every answer with zod as well when asked: an answer its schema refuses fails the request', () => {
    const bad = { items: [{ ...row(1), amountFen: '12' }], nextCursor: null };
    expect(() => compile(true).write(bad)).toThrow();
    // Unchecked (the built server), the compiled serializer writes it without asking.
    expect(JSON.parse(compile(false).write(bad)).items[0].amountFen).toBe(12);
  });

  it('lets zod write an answer the compiled serializer cannot place in a union, unchecked too', () => {
    const schema = z.object({ v: z.union([z.object({ a: z.int() }), z.object({ b: z.string() })]) });
    const { write } = compile(false, schema);
    expect(write({ v: { b: 'x' } })).toBe('{"v":{"b":"x"}}');
    // Neither branch: the compiled serializer gives up, and zod refuses it as before (the request answers 500).
    expect(() => write({ v: { c: 1 } })).toThrow(/Response doesn't match the schema|did not match|serializ/i);
  });

  it('fails a checked answer where the two serializers disagree', () => {
    const schema = z.object({ a: z.int() });
    const viaZod = (d: unknown) => zodWrite(schema, d);
    expect(() => checkedSerializer('GET /x 200', () => '{"a":2}', viaZod)({ a: 1 })).toThrow(/GET \/x 200 wrote \{"a":2\} where zod wrote \{"a":1\}/);
    expect(checkedSerializer('GET /x 200', (d) => JSON.stringify(d), viaZod)({ a: 1 })).toBe('{"a":1}');
  });

  it('keeps zod for a schema it cannot compile, and says which', () => {
    const checked = compile(true, z.object({ when: z.date() }));
    expect(checked.s.fallbacks).toEqual([{ route: 'GET /api/v1/things 200', reason: expect.any(String) }]);
    // The built server compiles a route's serializer on its first answer.
    const { write, s } = compile(false, z.object({ when: z.date() }));
    expect(s.compiled()).toBe(0);
    expect(write({ when: new Date('2026-11-23T00:00:00Z') })).toBe('{"when":"2026-11-23T00:00:00.000Z"}');
    expect(s.fallbacks).toHaveLength(1);
  });
});
