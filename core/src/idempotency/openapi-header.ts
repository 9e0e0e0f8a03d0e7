import { IDEMPOTENCY_KEY_HEADER, isMutation } from './request-key.ts';

interface SwaggerRoute {
  schema?: Record<string, any>;
  url: string;
  route: { method: string | string[]; config?: { readOnly?: boolean } };
}

const HEADER_DOC = {
  type: 'string',
  minLength: 1,
  maxLength: 255,
  description:
    'Optional. A fresh random value (a UUID) per mutation, sent again unchanged on every retry of it: a retry gets the first answer (with `Idempotent-Replayed: true`) instead of doing the work twice. See core/API.md.',
};

/** @fastify/swagger `transform`: documents `Idempotency-Key` on every mutation (the document only; the kernel's hook checks it). */
export function documentIdempotencyKey({ schema, url, route }: SwaggerRoute): { schema: Record<string, any> | undefined; url: string } {
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  if (!schema || !url.startsWith('/api/') || !methods.some(isMutation) || route.config?.readOnly === true) return { schema, url };
  const headers = schema.headers ?? { type: 'object', properties: {} };
  return { schema: { ...schema, headers: { ...headers, properties: { ...(headers.properties ?? {}), [IDEMPOTENCY_KEY_HEADER]: HEADER_DOC } } }, url };
}
