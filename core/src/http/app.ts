import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import { lazyRequestLoggerFactory } from './lazy-request-logger.ts';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { randomUUID } from 'node:crypto';
import { ProblemError } from '@platform/sdk';
import { installProblemHandlers, sendProblem, type DatabaseFailureReporter } from './problem-handler.ts';
import { answerClientError } from './client-error.ts';
import { createValidatorCompiler } from './validator-compiler.ts';
import { installNotFound } from './console-static.ts';
import { assertRouteProtected, type RouteGuardConfig, type RouteTable } from './route-registrar.ts';
import { installRequestLogScope, reenterRequestLogScope } from '../logging/request-log-scope.ts';
import { LoadShedder, type LoadSheddingConfig } from './load-shedder.ts';
import { documentIdempotencyKey } from '../idempotency/openapi-header.ts';

export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.passwordHash',
  '*.token',
  '*.apiKey',
  '*.secret',
  '*.key',
];

export interface HttpAppOptions {
  /** pino level of Fastify's own logger. */
  logLevel: string;
  /** Where Fastify's pino lines go (the platform log pipeline). */
  logStream?: { write(line: string): void };
  kernelVersion: string;
  routeTable: RouteTable;
  bodyLimit?: number;
  /** Built console to serve at `/`, or null. */
  consoleDir: string | null;
  /** Refuse with a fast 503 under overload; off when absent. */
  loadShedding?: LoadSheddingConfig;
  /** Connection errors answer 503 `database_unavailable` and are reported here. */
  database?: DatabaseFailureReporter;
}

interface LoggedReply {
  statusCode: number;
  request?: { method?: string; url?: string; routeOptions?: { url?: string } };
}

/** pino serializer of `res`: status, method, path (without its query string, which may hold secrets) and route. */
export function replyForLog(reply: LoggedReply) {
  return { statusCode: reply.statusCode, method: reply.request?.method, url: reply.request?.url?.split('?')[0], route: reply.request?.routeOptions?.url };
}

/** PostgreSQL text cannot hold NUL, and the driver fails the whole statement on one: refuse it up front, naming the field. */
function refuseNul(req: FastifyRequest, done: (err?: Error) => void): void {
  // Params and query come from the URL: without an encoded or raw NUL there, only a body can hold one.
  const inUrl = req.url.includes('%00') || req.url.includes('\u0000');
  if (inUrl) {
    for (const [part, value] of [['params', req.params], ['query', req.query]] as const) {
      // Router and query-parser objects may have their own prototypes: their own fields, copied, are what is checked.
      const path = value && typeof value === 'object' ? pathOfNul({ ...(value as object) }) : pathOfNul(value);
      if (path !== null) return done(nulProblem(path || part));
    }
  }
  // Most bodies hold no NUL: a scan that allocates nothing decides, and only a hit pays for the path.
  if (req.body !== undefined && holdsNul(req.body, 0)) return done(nulProblem(pathOfNul(req.body) || 'body'));
  done();
}

const nulProblem = (field: string) => new ProblemError(400, 'validation_failed', `Field "${field}" contains a NUL character`, { field });

/**
 * Whether a value is parsed data (a plain object or an array) rather than something a route's own parser handed on:
 * bytes, or the request stream itself (`streamBody`), whose object graph (socket, server...) is not to be walked.
 */
const isParsedData = (value: object): boolean => {
  if (Array.isArray(value)) return true;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

/** Whether a parsed request part holds U+0000 in any string or key (same reach as `pathOfNul`). */
function holdsNul(value: unknown, depth: number): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (!value || typeof value !== 'object' || depth > 32 || !isParsedData(value)) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (holdsNul(value[i], depth + 1)) return true;
    return false;
  }
  for (const k in value) {
    if (!Object.prototype.hasOwnProperty.call(value, k)) continue;
    if (k.includes('\u0000') || holdsNul((value as Record<string, unknown>)[k], depth + 1)) return true;
  }
  return false;
}

/** Dotted path of the first string holding U+0000 in a parsed request part ('' for the part itself), or null. */
export function pathOfNul(value: unknown, path = '', depth = 0): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  // A raw body (a route with `rawBody`) is bytes, and a streamed one the request itself, not text fields: the route decides.
  if (!value || typeof value !== 'object' || depth > 32 || !isParsedData(value)) return null;
  for (const [k, v] of Object.entries(value)) {
    if (k.includes('\u0000')) return path ? `${path}.${k}` : k;
    const found = pathOfNul(v, path ? `${path}.${k}` : k, depth + 1);
    if (found !== null) return found;
  }
  return null;
}

/** Fastify 5 with problem+json errors, request ids, OpenAPI and the route-protection check. */
export async function createHttpApp(opts: HttpAppOptions): Promise<FastifyInstance> {
  // In front of Fastify: a refused request costs no routing, hooks, logging, authentication or database work.
  const shedder = opts.loadShedding ? new LoadShedder(opts.loadShedding) : null;
  const app = Fastify({
    ...(shedder?.enabled ? { serverFactory: shedder.serverFactory() } : {}),
    logger: {
      level: opts.logLevel,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      // `request completed` lines say which request (path without its query string, which may hold secrets).
      serializers: { res: replyForLog },
      ...(opts.logStream ? { stream: opts.logStream } : {}),
    },
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,128}$/.test(given) ? given : randomUUID();
    },
    childLoggerFactory: lazyRequestLoggerFactory,
    bodyLimit: opts.bodyLimit ?? 1024 * 1024,
    trustProxy: true,
    // A URL or headers over the size limit (431), or a request line Node cannot parse: problem+json, Connection: close.
    clientErrorHandler: answerClientError,
    // A path that is not valid percent-encoded UTF-8, or a path parameter over the length limit, before routing.
    frameworkErrors: (error, req, reply) => {
      reply.header('x-request-id', req.id);
      const status = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : error.statusCode && error.statusCode < 500 ? error.statusCode : 400;
      const code = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'uri_too_long' : error.code === 'FST_ERR_BAD_URL' ? 'malformed_url' : 'bad_request';
      const detail = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'A path segment is longer than allowed' : 'The path is not valid percent-encoded UTF-8';
      return sendProblem(reply, status, code, detail, { field: 'path' });
    },
  });
  shedder?.install(app, app.log);
  app.setValidatorCompiler(createValidatorCompiler());
  installRequestLogScope(app);
  installProblemHandlers(app, { database: opts.database });
  // One preValidation hook: back into the request's log scope (after body parsing), then the NUL check.
  app.addHook('preValidation', (req, _reply, done) => {
    if (req.logScope?.reenter) reenterRequestLogScope(req, () => refuseNul(req, done));
    else refuseNul(req, done);
  });
  // Cookies are parsed on demand (`tokenOf`): most API calls carry a bearer token instead.
  await app.register(cookie, { hook: false });
  await installNotFound(app, opts.consoleDir);
  await app.register(swagger, {
    transform: documentIdempotencyKey as any,
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Platform control plane API', version: opts.kernelVersion, description: 'Kernel and plugin routes. Errors are RFC 9457 problem+json with a stable `code`.' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'Session token or API key (pk_...)' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'sid' },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { url: '/api/openapi.json' } as any });
  app.addHook('onRoute', (route) => {
    const cfg = (route.config ?? {}) as Partial<RouteGuardConfig>;
    if (!route.url.startsWith('/api/') && !cfg.plugin) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (methods.every((m) => m === 'HEAD')) return;
    assertRouteProtected(cfg.plugin ?? 'unknown', { method: route.method, url: route.url, permission: cfg.permission, public: cfg.public });
    opts.routeTable.records.push({
      plugin: cfg.plugin ?? 'unknown',
      method: methods.join(','),
      url: route.url,
      permission: cfg.permission,
      public: !!cfg.public,
      tenantScoped: !!cfg.tenantScoped,
      scope: cfg.scope ?? null,
      traffic: cfg.traffic ?? 'api',
    });
  });
  app.get('/api/openapi.json', { config: { plugin: 'kernel', public: true, tenantScoped: false, scope: null }, schema: { hide: true } }, async () => app.swagger());
  return app;
}
