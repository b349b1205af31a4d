import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Config } from '../config.ts';
import { AppError } from '../http/errors.ts';
import { SNIFF_BYTES } from './file-types.ts';

/**
 * Bytes on disk under FILES_DIR/<tenantId>/…, always under a random name (never the user's file name);
 * a file is written to tmp/ first and moved into place once it has been accepted.
 */
const SAFE_SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export function tenantPath(config: Pick<Config, 'filesDir'>, tenantId: string, ...segments: string[]): string {
  for (const s of [tenantId, ...segments]) if (!SAFE_SEGMENT.test(s) || s.includes('..')) throw new Error(`unsafe path segment ${s}`);
  return path.join(config.filesDir, tenantId, ...segments);
}

export const randomKey = () => crypto.randomBytes(16).toString('hex');

export interface ReceivedFile {
  /** Where the bytes are while they are checked. */
  tmpPath: string;
  fileName: string;
  size: number;
  sha256: string;
  /** The first bytes, for recognising the kind of file. */
  head: Buffer;
}

/** A file name fit to show and to put in a header: no folders, no control or bidi characters, at most 200 characters. */
export function cleanFileName(raw: string): string {
  const base = raw.normalize('NFC').split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[\u0000-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff"]/g, '').trim();
  if (!clean) return 'file';
  if (clean.length <= 200) return clean;
  const ext = /\.[A-Za-z0-9]{1,8}$/.exec(clean)?.[0] ?? '';
  return clean.slice(0, 200 - ext.length) + ext;
}

/** Stream an upload to a temporary file, hashing it and keeping its first bytes. A truncated (too large) upload answers 413. */
export async function receiveFile(stream: Readable & { truncated?: boolean }, tmpDir: string, fileName: string, maxBytes: number): Promise<ReceivedFile> {
  await fs.promises.mkdir(tmpDir, { recursive: true });
  const tmpPath = path.join(tmpDir, randomKey());
  const hash = crypto.createHash('sha256');
  let size = 0;
  const heads: Buffer[] = [];
  let headLen = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      hash.update(chunk);
      if (headLen < SNIFF_BYTES) {
        heads.push(chunk.subarray(0, SNIFF_BYTES - headLen));
        headLen += Math.min(chunk.length, SNIFF_BYTES - headLen);
      }
      done(size > maxBytes ? tooLarge(maxBytes) : null, chunk);
    },
  });
  try {
    await pipeline(stream, tap, fs.createWriteStream(tmpPath, { flags: 'wx', mode: 0o600 }));
    if (stream.truncated) throw tooLarge(maxBytes);
  } catch (err) {
    await removeQuietly(tmpPath);
    throw err;
  }
  return { tmpPath, fileName: cleanFileName(fileName), size, sha256: hash.digest('hex'), head: Buffer.concat(heads) };
}

export function tooLarge(maxBytes: number) {
  return new AppError('payload_too_large', `文件过大，最大 ${Math.floor(maxBytes / 1024 / 1024)} MB`, { params: { maxBytes } });
}

/** Move an accepted file into place (same file system: an atomic rename). */
export async function moveInto(tmpPath: string, finalPath: string) {
  await fs.promises.mkdir(path.dirname(finalPath), { recursive: true });
  await fs.promises.rename(tmpPath, finalPath);
}

export async function removeQuietly(p: string) {
  await fs.promises.rm(p, { force: true }).catch(() => {});
}
