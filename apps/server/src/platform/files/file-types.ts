import type { AttachmentExtension } from '@jiake/shared';

/** How a kind of file is recognised by its first bytes, and the type it is served as. */
interface FileKind {
  mime: string;
  /** Browsers may show it (images, PDF); anything else is served as application/octet-stream. */
  viewable?: boolean;
  sniff(head: Buffer): boolean;
}

const startsWith = (head: Buffer, ...bytes: number[]) => bytes.every((b, i) => head[i] === b);
const ascii = (head: Buffer, at: number, text: string) => head.subarray(at, at + text.length).toString('latin1') === text;

const ZIP = (h: Buffer) => startsWith(h, 0x50, 0x4b, 0x03, 0x04);
/** Legacy Office (OLE2 compound file). */
const OLE2 = (h: Buffer) => startsWith(h, 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1);
/** ISO base media (MP4, HEIC): a 'ftyp' box with one of the given brands. */
const ftyp = (brands: string[]) => (h: Buffer) => ascii(h, 4, 'ftyp') && brands.includes(h.subarray(8, 12).toString('latin1'));

/** Markup or script at the start of a "text" file: refused, a browser could be tricked into running it. */
const ACTIVE_TEXT = /^\s*(<(!doctype|html|head|body|script|svg|\?xml|iframe|object|embed)\b|#!)/i;

/** Plain text: no NUL or control bytes other than tab, CR, LF and FF, and no markup or shebang at the start. */
export function looksLikeText(head: Buffer): boolean {
  for (const b of head) if (b === 0 || (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c)) return false;
  return !ACTIVE_TEXT.test(head.toString('utf8'));
}

const KINDS: Record<AttachmentExtension, FileKind> = {
  jpg: { mime: 'image/jpeg', viewable: true, sniff: (h) => startsWith(h, 0xff, 0xd8, 0xff) },
  jpeg: { mime: 'image/jpeg', viewable: true, sniff: (h) => startsWith(h, 0xff, 0xd8, 0xff) },
  png: { mime: 'image/png', viewable: true, sniff: (h) => startsWith(h, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a) },
  gif: { mime: 'image/gif', viewable: true, sniff: (h) => ascii(h, 0, 'GIF87a') || ascii(h, 0, 'GIF89a') },
  webp: { mime: 'image/webp', viewable: true, sniff: (h) => ascii(h, 0, 'RIFF') && ascii(h, 8, 'WEBP') },
  heic: { mime: 'image/heic', sniff: ftyp(['heic', 'heix', 'heim', 'heis', 'hevc', 'mif1', 'msf1']) },
  pdf: { mime: 'application/pdf', viewable: true, sniff: (h) => ascii(h, 0, '%PDF-') },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', sniff: ZIP },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', sniff: ZIP },
  pptx: { mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', sniff: ZIP },
  xls: { mime: 'application/vnd.ms-excel', sniff: OLE2 },
  doc: { mime: 'application/msword', sniff: OLE2 },
  ppt: { mime: 'application/vnd.ms-powerpoint', sniff: OLE2 },
  /** AutoCAD drawings: "AC10xx" version string. */
  dwg: { mime: 'image/vnd.dwg', sniff: (h) => ascii(h, 0, 'AC10') },
  zip: { mime: 'application/zip', sniff: ZIP },
  mp4: { mime: 'video/mp4', sniff: ftyp(['isom', 'iso2', 'mp41', 'mp42', 'avc1', 'M4V ', 'qt  ', 'dash']) },
  txt: { mime: 'text/plain', sniff: looksLikeText },
  csv: { mime: 'text/csv', sniff: looksLikeText },
};

/** Bytes needed from the start of a file to recognise it. */
export const SNIFF_BYTES = 4096;

export function extensionOf(fileName: string): string {
  const m = /\.([a-z0-9]{1,8})$/i.exec(fileName);
  return m ? m[1].toLowerCase() : '';
}

/** The file's kind when its extension is allowed AND its first bytes match that kind; otherwise null. */
export function detectFileKind(fileName: string, head: Buffer, allowed: readonly string[] = Object.keys(KINDS)): { ext: string; mime: string } | null {
  const ext = extensionOf(fileName);
  if (!allowed.includes(ext) || !(ext in KINDS)) return null;
  const kind = KINDS[ext as AttachmentExtension];
  return head.length > 0 && kind.sniff(head) ? { ext, mime: kind.mime } : null;
}

/** The Content-Type a stored file is served with: images and PDF as themselves, anything else as bytes. */
export function servedType(mime: string): string {
  return Object.values(KINDS).some((k) => k.viewable && k.mime === mime) ? mime : 'application/octet-stream';
}
