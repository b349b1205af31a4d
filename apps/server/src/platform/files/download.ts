import fs from 'node:fs';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { notFound } from '../http/errors.ts';

/** Response schema of a download route (the bytes are streamed, never serialised). */
export const FileResponse = { 200: z.string().meta({ format: 'binary', description: 'the file, as an attachment' }) };

/** `attachment` with an ASCII fallback and the real name as RFC 5987 UTF-8 (`filename*=UTF-8''…`). */
export function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%;]/g, '_') || 'download';
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/**
 * Send a stored file as a download: never rendered inline as a page (attachment + nosniff + a sandboxing CSP),
 * with the given Content-Type. A missing file answers 404.
 */
export async function sendDownload(reply: FastifyReply, absPath: string, opts: { fileName: string; contentType: string }) {
  const stat = await fs.promises.stat(absPath).catch(() => null);
  if (!stat?.isFile()) throw notFound('file');
  return reply
    .header('content-type', opts.contentType)
    .header('content-length', stat.size)
    .header('content-disposition', contentDisposition(opts.fileName))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, no-store')
    .send(fs.createReadStream(absPath));
}
