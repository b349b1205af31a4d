import type { FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import { AppError, invalid, issue } from '../http/errors.ts';
import { receiveFile, removeQuietly, tenantPath, type ReceivedFile } from './storage.ts';

export interface Upload {
  fields: Record<string, string>;
  file: ReceivedFile;
}

/**
 * Read a multipart request: text fields plus one file in the field `file`, streamed to the tenant's tmp folder.
 * The caller moves or removes `file.tmpPath`.
 */
export async function readUpload(req: FastifyRequest, config: Pick<Config, 'filesDir' | 'maxUploadBytes'>, maxBytes = config.maxUploadBytes): Promise<Upload> {
  if (!req.isMultipart()) throw new AppError('malformed_body', 'expected multipart/form-data with a file field "file"');
  const fields: Record<string, string> = {};
  let file: ReceivedFile | null = null;
  try {
    for await (const part of req.parts({ limits: { fileSize: maxBytes, files: 1, fields: 20 } })) {
      if (part.type === 'field') fields[part.fieldname] = String(part.value ?? '');
      else if (part.fieldname !== 'file' || file) part.file.resume();
      else file = await receiveFile(part.file, tenantPath(config, req.ctx.tenantId, 'tmp'), part.filename ?? '', maxBytes);
    }
  } catch (err) {
    if (file) await removeQuietly(file.tmpPath);
    throw err;
  }
  if (!file) throw invalid([issue('body.file', 'required', '请选择要上传的文件')], 'a file is required');
  if (file.size === 0) {
    await removeQuietly(file.tmpPath);
    throw new AppError('unsupported_file', '文件是空的', { issues: [issue('body.file', 'empty', '文件是空的')] });
  }
  return { fields, file };
}
