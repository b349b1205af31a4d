import fc from 'fast-check';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { normalisePhone } from '../../src/platform/phone.ts';

/** What normalisePhone answered before its mobile fast path: libphonenumber for every number. */
function parsed(raw: string) {
  const s = raw.normalize('NFKC').replace(/[\s\u3000()（）\-–—.·/]/g, '').replace(/^00/, '+');
  if (!/^\+?\d{5,17}$/.test(s)) return null;
  const p = parsePhoneNumberFromString(s, 'CN');
  if (!p || !p.isValid()) return null;
  const national = String(p.nationalNumber);
  const mobile = national.length === 11 && national.startsWith('1');
  return { e164: p.number, digits: p.countryCallingCode === '86' && !mobile ? `0${national}` : national };
}

describe('phone normalisation', () => {
  it('answers a Chinese mobile, in every way it is written, as libphonenumber does', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^1\d{10}$/), fc.constantFrom('', '+86', '+86 ', '0086', '86'), fc.boolean(), (digits, prefix, spaced) => {
        const body = spaced ? `${digits.slice(0, 3)} ${digits.slice(3, 7)}-${digits.slice(7)}` : digits;
        expect(normalisePhone(`${prefix}${body}`)).toEqual(parsed(`${prefix}${body}`));
      }),
      { numRuns: 3000 },
    );
  });

  it('decides a mobile by its seven-digit block, as the remembered answers assume (checked across all blocks from 1000 to 1999)', () => {
    const suffix = () => String(Math.floor(Math.random() * 10_000)).padStart(4, '0');
    for (let head = 1000; head <= 1999; head++) {
      for (let k = 0; k < 8; k++) {
        const block = `${head}${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
        const answers = new Set([suffix(), suffix(), suffix()].map((s) => parsePhoneNumberFromString(`${block}${s}`, 'CN')?.isValid() ?? false));
        expect(answers.size, `block ${block}`).toBe(1);
      }
    }
  });

  it('leaves landlines, other countries and malformed numbers to libphonenumber', () => {
    for (const raw of ['(010) 6552-1234', '0755-2345 6789', '+852 9123 4567', '+1 415 555 0123', '８６１３８１２３４５６７８', '12345678901', '1381234567', '138123456789', 'abc']) {
      expect(normalisePhone(raw)).toEqual(parsed(raw));
    }
    expect(normalisePhone('138 1234 5678')).toEqual({ e164: '+8613812345678', digits: '13812345678' });
  });
});
