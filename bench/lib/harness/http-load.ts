import net from 'node:net';
import { stopper, summarise, type Bounds, type Sample } from './stats.ts';

export interface HttpTarget {
  port: number;
  path: string;
  headers?: Record<string, string>;
  /** Default GET. */
  method?: 'GET' | 'POST';
  /** A request of its own per execution (a fresh Idempotency-Key, another member …): extra headers and a JSON body. */
  each?: (n: number) => { headers?: Record<string, string>; body?: unknown };
}

function requestBytes(t: HttpTarget, extra: { headers?: Record<string, string>; body?: unknown } = {}): Buffer {
  const body = extra.body === undefined ? null : Buffer.from(JSON.stringify(extra.body), 'utf8');
  const headers: Record<string, string> = { host: `127.0.0.1:${t.port}`, connection: 'keep-alive', ...t.headers, ...extra.headers };
  if (body) Object.assign(headers, { 'content-type': 'application/json', 'content-length': String(body.length) });
  const head = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('');
  const start = Buffer.from(`${t.method ?? 'GET'} ${t.path} HTTP/1.1\r\n${head}\r\n`, 'latin1');
  return body ? Buffer.concat([start, body]) : start;
}

/**
 * GET (or POST) `path` on 127.0.0.1 over `concurrency` keep-alive connections, each sending its next request when the
 * previous answer is complete (no pipelining). A small HTTP/1.1 client on raw sockets, so the load generator costs far
 * less CPU than the servers it measures (this machine has two cores for client, server and database). Only 2xx count.
 */
export async function httpLoad(t: HttpTarget, b: Bounds): Promise<Sample> {
  const fixed = t.each ? null : requestBytes(t);
  let sent = 0;
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const stop = stopper(b);

  const connection = () =>
    new Promise<void>((resolve, reject) => {
      const sock = net.connect({ host: '127.0.0.1', port: t.port });
      sock.setNoDelay(true);
      let buf: Buffer | null = null;
      let started = 0;
      let done = false;
      const next = () => {
        if (!stop.next(latencies.length + errors)) {
          done = true;
          sock.end();
          return resolve();
        }
        const request = fixed ?? requestBytes(t, t.each!(sent));
        sent++;
        started = performance.now();
        sock.write(request);
      };
      sock.on('connect', next);
      sock.on('error', reject);
      sock.on('close', () => {
        if (!done) {
          errors++;
          firstError ??= 'the server closed the connection';
        }
        resolve();
      });
      sock.on('data', (chunk: Buffer) => {
        buf = buf ? Buffer.concat([buf, chunk]) : chunk;
        const res = parseResponse(buf);
        if (!res) return;
        const elapsed = performance.now() - started;
        if (res.status >= 200 && res.status < 300) latencies.push(elapsed);
        else {
          errors++;
          firstError ??= `${res.status} ${buf.subarray(res.bodyStart, Math.min(res.total, res.bodyStart + 300)).toString('utf8')}`;
        }
        buf = buf.length > res.total ? buf.subarray(res.total) : null;
        next();
      });
    });
  await Promise.all(Array.from({ length: b.concurrency }, connection));
  return summarise(latencies, performance.now() - stop.t0, errors, firstError);
}

/** One GET, answering status and parsed JSON body. */
export async function httpGetJson(port: number, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, { headers });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {}
  return { status: res.status, body };
}

function parseResponse(buf: Buffer): { status: number; bodyStart: number; total: number } | null {
  const end = buf.indexOf('\r\n\r\n');
  if (end < 0) return null;
  const head = buf.toString('latin1', 0, end);
  const status = Number(head.slice(9, 12));
  const bodyStart = end + 4;
  const len = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  if (len) {
    const total = bodyStart + Number(len[1]);
    return buf.length >= total ? { status, bodyStart, total } : null;
  }
  if (/\r\ntransfer-encoding:\s*chunked/i.test(head)) {
    const last = buf.indexOf('\r\n0\r\n\r\n', bodyStart - 2);
    return last < 0 ? null : { status, bodyStart, total: last + 7 };
  }
  return { status, bodyStart, total: bodyStart };
}
