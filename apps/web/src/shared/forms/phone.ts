/** A phone number as staff type it: mobile 13812345678 / +86 138-1234-5678, landline 021-12345678, or +<country>… */
export function isValidPhone(value: string): boolean {
  const v = value.replace(/[\s()（）-]/g, '');
  return /^(?:\+?86)?1[3-9]\d{9}$/.test(v) || /^0\d{9,11}$/.test(v) || /^\+\d{6,15}$/.test(v);
}

/** Masked as the API sends it for most roles: 138****1234. */
export const isMaskedPhone = (value: string) => value.includes('*');
