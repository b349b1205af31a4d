import type { Client, TestApp } from './helpers.ts';

export interface FilePart {
  name: string;
  content: Buffer | string;
  type?: string;
}

/** A multipart/form-data body as a browser sends it (FormData), for `app.inject`. */
export async function multipartBody(fields: Record<string, string>, file?: FilePart) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  if (file) fd.append('file', new Blob([typeof file.content === 'string' ? file.content : new Uint8Array(file.content)], { type: file.type ?? 'application/octet-stream' }), file.name);
  const req = new Request('http://localhost/', { method: 'POST', body: fd });
  return { payload: Buffer.from(await req.arrayBuffer()), contentType: req.headers.get('content-type') ?? '' };
}

/** POST a file (multipart field "file") plus text fields as the given user. */
export async function uploadFile(t: TestApp, c: Client, url: string, file: FilePart, fields: Record<string, string> = {}) {
  const body = await multipartBody(fields, file);
  return t.app.inject({ method: 'POST', url, headers: { cookie: c.cookie, 'content-type': body.contentType }, payload: body.payload });
}
