import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { FieldIssue } from '@jiake/shared';
import { AppError } from './errors.ts';

function send(reply: import('fastify').FastifyReply, status: number, body: Record<string, unknown>) {
  return reply.status(status).send({ error: { ...body, requestId: reply.request.id } });
}

/** One error body for everything: `{ error: { code, message, params?, issues?, requestId } }`; 5xx never leaks internals. */
export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof AppError) {
      if (err.extra.headers) reply.headers(err.extra.headers);
      return send(reply, err.status, {
        code: err.code,
        message: err.message,
        ...(err.extra.issues ? { issues: err.extra.issues } : {}),
        ...(err.extra.params ? { params: err.extra.params } : {}),
      });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      // Issue paths name the part of the request as services do: body.x, query.x, params.x.
      const where = err.validationContext === 'querystring' ? 'query' : (err.validationContext ?? 'body');
      const issues: FieldIssue[] = err.validation.map((v) => ({
        path: [where, ...String(v.instancePath ?? '').split('/').filter(Boolean)].join('.'),
        code: String(v.params?.issue && typeof v.params.issue === 'object' ? (v.params.issue as { code?: string }).code : v.keyword),
        message: v.message ?? 'invalid',
      }));
      return send(reply, 422, { code: 'validation_failed', message: 'invalid input', issues });
    }
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || err.statusCode === 413) {
      return send(reply, 413, { code: 'payload_too_large', message: 'request body too large' });
    }
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return send(reply, 415, { code: 'malformed_body', message: 'unsupported content type' });
    }
    if (err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || err instanceof SyntaxError || err.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
      return send(reply, 400, { code: 'malformed_body', message: 'malformed JSON body' });
    }
    if (err.statusCode === 429) {
      return send(reply, 429, { code: 'rate_limited', message: 'too many requests' });
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return send(reply, err.statusCode, { code: 'malformed_body', message: err.message });
    }
    if (isResponseSerializationError(err)) req.log.error({ err }, 'response did not match its schema');
    else req.log.error({ err }, 'unhandled error');
    return send(reply, 500, { code: 'internal', message: 'internal error' });
  });
}
