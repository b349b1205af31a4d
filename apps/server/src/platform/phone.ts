import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

export interface NormalPhone {
  e164: string;
  /** National significant number, digits only. */
  digits: string;
}

/**
 * Normalise a phone in any common format to E.164 (default region CN): "138 1234 5678", "+86-138-1234-5678",
 * "0086 13812345678", "(010) 6552-1234", "８６１３８…" (full-width digits). Returns null if it is not a phone number.
 */
export function normalisePhone(raw: string): NormalPhone | null {
  const s = raw
    .normalize('NFKC')
    .replace(/[\s\u3000()（）\-–—.·/]/g, '')
    .replace(/^00/, '+');
  if (!/^\+?\d{5,17}$/.test(s)) return null;
  const mobile = /^(?:\+86)?(1\d{10})$/.exec(s);
  if (mobile) return cnMobile(mobile[1]);
  const p = parsePhoneNumberFromString(s, 'CN');
  if (!p || !p.isValid()) return null;
  return { e164: p.number, digits: dialDigits(p) };
}

/**
 * A Chinese mobile (11 digits from 1, alone or after +86), most numbers an import or a form brings. Which are valid is
 * decided by their first seven digits (the number block: 138 0000, 174 0000…; libphonenumber's ranges go no deeper), so
 * libphonenumber is asked once per block and its answer remembered: parsing cost about 0.07 ms a number (P6).
 * A test checks the seven-digit rule against libphonenumber over every block.
 */
const mobileBlocks = new Map<string, boolean>();
export function cnMobile(national: string): NormalPhone | null {
  const block = national.slice(0, 7);
  let valid = mobileBlocks.get(block);
  if (valid === undefined) {
    valid = parsePhoneNumberFromString(national, 'CN')?.isValid() ?? false;
    mobileBlocks.set(block, valid);
  }
  return valid ? { e164: `+86${national}`, digits: national } : null;
}

const CN_MOBILE = /^\+861\d{10}$/;

/** 138****1234 for Chinese mobiles; other numbers keep their first 3 and last 4 digits. */
export function maskPhone(e164: string): string {
  // Lists mask every phone they show; a Chinese mobile (most stored numbers) needs no parse (same answer, measured
  // at 4% of the list's CPU through libphonenumber).
  if (CN_MOBILE.test(e164)) return `${e164.slice(3, 6)}****${e164.slice(-4)}`;
  return maskParsed(e164);
}

/** The general path of maskPhone (any country, landlines); exported for the test that pins the fast path to it. */
export function maskParsed(e164: string): string {
  const p = parsePhoneNumberFromString(e164);
  const digits = p ? dialDigits(p) : e164.replace(/\D/g, '');
  if (digits.length < 7) return '****';
  const masked = `${digits.slice(0, 3)}${'*'.repeat(Math.max(4, digits.length - 7))}${digits.slice(-4)}`;
  return p && p.countryCallingCode !== '86' ? `+${p.countryCallingCode} ${masked}` : masked;
}

/** Digits a user typed to search a phone: any 4+ digits, in any format. */
export function searchDigits(q: string): string | null {
  const t = q.normalize('NFKC').trim();
  let s = t.replace(/[\s()（）\-+.]/g, '');
  if (!/^\d{4,17}$/.test(s)) return null;
  // "+86 …" means the national number; so does "0086 …" when a whole national number (9+ digits) follows —
  // a shorter "0086…" is digits of a number (13008600000 contains 0086).
  const compact = t.replace(/\s/g, '');
  if (compact.startsWith('+86')) s = s.replace(/^86/, '');
  else if (/^0086\d{9,}$/.test(s)) s = s.slice(4);
  else if (/^861\d{10}$/.test(s)) s = s.slice(2);
  return s.length >= 4 ? s : null;
}

function dialDigits(p: { countryCallingCode: string; nationalNumber: string }): string {
  const national = String(p.nationalNumber);
  const mobile = national.length === 11 && national.startsWith('1');
  return p.countryCallingCode === '86' && !mobile ? `0${national}` : national;
}
