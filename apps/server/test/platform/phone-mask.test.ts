import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskParsed, maskPhone } from '../../src/platform/phone.ts';

describe('phone masking', () => {
  it('masks any +86 11-digit number starting with 1 exactly as the general (parsing) path does', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^1\d{10}$/), (digits) => {
        expect(maskPhone(`+86${digits}`)).toBe(maskParsed(`+86${digits}`));
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves landlines and numbers of other countries to the general path', () => {
    for (const e of ['+861065521234', '+8675523456789', '+85291234567', '+14155550123', '+8613812345678']) {
      expect(maskPhone(e)).toBe(maskParsed(e));
    }
    expect(maskPhone('+8613812345678')).toBe('138****5678');
  });
});
