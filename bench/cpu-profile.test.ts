import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { placeOf, summariseProfile } from './lib/harness/cpu-profile.ts';

describe('CPU profile summary (bench:profile)', () => {
  it('names where code lives: a package, our server (sources or the bundle’s mapped sources), node, V8', () => {
    expect(placeOf('file:///w/node_modules/drizzle-orm/entity.js', 'is')).toBe('drizzle-orm');
    expect(placeOf('../../../node_modules/@fastify/cookie/index.js', 'x')).toBe('@fastify/cookie');
    expect(placeOf('../src/modules/customers/customers.service.ts', 'listCustomers')).toBe('jiake server');
    expect(placeOf('file:///w/apps/server/src/app.ts', 'buildApp')).toBe('jiake server');
    expect(placeOf('../../../packages/shared/src/contracts/common.ts', 'x')).toBe('@jiake/shared');
    expect(placeOf('node:internal/streams/writable', 'write')).toBe('node:internal');
    expect(placeOf('', '(garbage collector)')).toBe('(garbage collector)');
    expect(placeOf('', 'writev')).toBe('(native)');
  });

  it('sums self time by function and by place', () => {
    const frame = (functionName: string, url: string) => ({ functionName, url, lineNumber: 0, columnNumber: 0 });
    const profile = {
      nodes: [
        { id: 1, callFrame: frame('(root)', ''), children: [2, 3] },
        { id: 2, callFrame: frame('is', 'file:///w/node_modules/drizzle-orm/entity.js'), children: [] },
        { id: 3, callFrame: frame('(idle)', ''), children: [] },
      ],
      samples: [2, 2, 3, 2],
      timeDeltas: [1000, 1000, 2000, 1000],
    };
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jiake-prof-')), 'x.cpuprofile');
    fs.writeFileSync(file, JSON.stringify(profile));
    const s = summariseProfile(file);
    expect(s.totalMs).toBe(5);
    expect(s.places).toEqual([
      { name: 'drizzle-orm', ms: 3, share: 0.6 },
      { name: '(idle)', ms: 2, share: 0.4 },
    ]);
    expect(s.functions[0]).toEqual({ name: 'is node_modules/drizzle-orm/entity.js:1', ms: 3, share: 0.6 });
  });
});
