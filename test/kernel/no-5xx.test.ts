import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { createTestKernel, type TestClient, type TestKernel } from '@platform/sdk/testing';
import { importPlugins, readPluginList } from '../../core/src/plugins/plugin-list.ts';
import { encodeAny, filterParam, hostileString, oneKeyFilterParam, paramArbitrary, rangeParam, sortParam } from './support/hostile-input.ts';
import { expectProblem, listQuery, type InjectResponse } from './support/http.ts';

/**
 * No input gets a 5xx: random filters, sorts, ranges, dates and strings (NUL, lone surrogates, huge numbers)
 * sent to every GET route of the OpenAPI document, with every plugin of platform.config.json loaded, as
 * platform staff, as staff acting in a tenant and as a tenant admin.
 *
 * Seeded and bounded: `FC_SEED` (default below) and `FC_RUNS` runs per route. A failure prints the seed, the
 * route and the shrunk counterexample; rerun with the same `FC_SEED` to reproduce.
 */
const SEED = Number(process.env.FC_SEED ?? 1207);
const RUNS = Number(process.env.FC_RUNS ?? 25);
/** Server-sent event streams never end on GET: they are walked with HEAD only. */
const STREAMS = /\/stream$/;

interface OpenApiParameter {
  in: 'query' | 'path' | 'header' | 'cookie';
  name: string;
  schema?: { type?: string; format?: string };
}

interface GetRoute {
  path: string;
  /** A server-sent events stream (walked with HEAD only). */
  stream: boolean;
  query: OpenApiParameter[];
  pathParams: OpenApiParameter[];
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([p, new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms: ${what}`)), ms)))]).finally(() => clearTimeout(timer));
}

describe('no 5xx on any input, every plugin loaded', () => {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  let t: TestKernel;
  let clients: [string, TestClient['inject']][];
  let routes: GetRoute[];

  beforeAll(async () => {
    t = await createTestKernel({ plugins: await importPlugins(readPluginList(join(root, 'platform.config.json')), root) });
    const staffInTenant = await t.signIn({ role: 'super_admin', tenant: 'property-tenant' });
    const tenantAdmin = await t.signIn({ role: 'tenant_admin', tenant: 'property-tenant' });
    clients = [['staff', t.inject], ['staff in a tenant', staffInTenant.inject], ['tenant admin', tenantAdmin.inject]];
    // Every plugin on for the tenant, so its routes answer the tenant's clients (not 403 plugin_disabled).
    for (const plugin of (await t.inject('/api/plugins')).json() as { name: string; scope: string }[]) {
      if (plugin.scope !== 'tenant') continue;
      const on = await t.inject({ method: 'PUT', url: `/api/plugins/${plugin.name}/tenants/${tenantAdmin.tenant!.id}`, payload: { enabled: true } });
      expect(on.statusCode, on.body).toBeLessThan(300);
    }
    const spec = (await t.inject('/api/openapi.json')).json() as { paths: Record<string, { get?: { parameters?: OpenApiParameter[] } }> };
    routes = Object.entries(spec.paths)
      .filter(([, ops]) => ops.get)
      .map(([path, ops]) => ({
        path,
        stream: STREAMS.test(path),
        query: (ops.get!.parameters ?? []).filter((p) => p.in === 'query'),
        pathParams: (ops.get!.parameters ?? []).filter((p) => p.in === 'path'),
      }));
  });
  afterAll(async () => t?.close());

  const send = async (inject: TestClient['inject'], url: string, method: 'GET' | 'HEAD' = 'GET'): Promise<InjectResponse> =>
    withTimeout(inject({ method, url }), 10_000, `${method} ${url}`);

  function check(res: InjectResponse, request: string): void {
    if (res.statusCode >= 500) throw new Error(`${request} answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
    if (res.statusCode >= 400 && !/^application\/problem\+json/.test(String(res.headers['content-type'])))
      throw new Error(`${request} answered ${res.statusCode} without problem+json: ${res.headers['content-type']}`);
  }

  describe('the requests of issue #12 that answered 500', () => {
    const as = (who: 'staff' | 'tenant admin') => clients.find(([name]) => name === who)![1];

    it.each([
      ['/api/users', 'email'], ['/api/tenants', 'name'], ['/api/roles', 'name'], ['/api/api-keys', 'name'],
    ])('%s refuses a %s filter of the wrong type with 400 invalid_filter', async (url, field) => {
      for (const value of [true, ['x', 1], 2147483648, { $ne: 'x' }, 'a\u0000b']) {
        const who = url === '/api/tenants' ? 'staff' : 'tenant admin';
        expectProblem(await as(who)(url + listQuery({ filter: { [field]: value } })), 400, 'invalid_filter', `filter.${field}`);
        expectProblem(await as('staff')(url + listQuery({ filter: { [field]: value } })), 400, 'invalid_filter', `filter.${field}`);
      }
      expectProblem(await as('staff')('/api/users' + listQuery({ filter: { createdAt: '+275760-09-13T00:00:00Z' } })), 400, 'invalid_filter', 'filter.createdAt');
      expectProblem(await as('staff')('/api/users' + listQuery({ filter: { lastLoginAt: '2024-02-30' } })), 400, 'invalid_filter', 'filter.lastLoginAt');
    });

    it.each(['/plans/plans', '/metrics/slos', '/status/incidents', '/alerts/rules', '/health/push-monitors', '/incidents/incidents', '/alerts/active', '/alerts/deliveries'])(
      '/api%s refuses filter={"status":[null,1,{}]} naming filter.status',
      async (url) => {
        expectProblem(await as('staff')(`/api${url}${listQuery({ filter: { status: [null, 1, {}] } })}`), 400, undefined, 'filter.status');
      },
    );

    it.each([
      ['/api/alerts/history', 'q'], ['/api/alerts/history.csv', 'q'], ['/api/feature-flags/audit', 'q'], ['/api/feature-flags/flags/any-flag/audit', 'q'],
      ['/api/feature-flags/overrides', 'q'], ['/api/incidents/incidents', 'q'], ['/api/logging/errors', 'q'], ['/api/feature-flags/rollouts', 'flagKey'],
    ])('%s refuses a NUL in filter.%s', async (url, field) => {
      expectProblem(await as('staff')(url + listQuery({ filter: { [field]: 'a\u0000b' } })), 400, 'invalid_filter', `filter.${field}`);
    });

    it.each(['/api/logging/logs', '/api/logging/logs/export'])('%s refuses out-of-range dates naming from or to', async (url) => {
      expectProblem(await as('staff')(`${url}?from=99999999999999999999`), 400, 'invalid_time_range', 'from');
      expectProblem(await as('staff')(`${url}?to=%2B275760-09-13T00:00:00Z`), 400, 'invalid_time_range', 'to');
      expectProblem(await as('staff')(`${url}?from=-271821-04-20T00:00:00Z`), 400, 'invalid_time_range', 'from');
      expectProblem(await as('staff')(`${url}?to=8640000000000000`), 400, 'invalid_time_range', 'to');
      expect((await as('staff')(`${url}?from=2025-01-01T00:00:00Z&to=2025-01-02T00:00:00.000Z`)).statusCode).toBe(200);
    });

    it.each(['/api/feature-flags/stream', '/api/logging/stream'])('HEAD %s answers the headers and ends', async (url) => {
      const res = await withTimeout(as('staff')({ method: 'HEAD', url }), 5000, `HEAD ${url}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
      expect(res.body).toBe('');
    });

    it('a URL over the size limit gets 431 problem+json with Connection: close, and the connection closes', async () => {
      await t.kernel.app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = t.kernel.app.server.address() as net.AddressInfo;
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = net.connect(port, '127.0.0.1', () => socket.write(`GET /api/users?filter=${'x'.repeat(20_000)} HTTP/1.1\r\nHost: localhost\r\n\r\n`));
        let text = '';
        socket.on('data', (chunk) => (text += chunk));
        socket.on('close', () => resolve(text));
        socket.on('error', reject);
        setTimeout(() => reject(new Error(`the connection stayed open: ${text}`)), 5000).unref();
      });
      const [head, body] = answer.split('\r\n\r\n');
      expect(head).toMatch(/^HTTP\/1\.1 431 /);
      expect(head).toMatch(/\r\nConnection: close\r\n/i);
      expect(head).toMatch(/\r\nContent-Type: application\/problem\+json/i);
      expect(JSON.parse(body)).toMatchObject({ status: 431, code: 'headers_too_large' });
    });

    it('a path that is not UTF-8, or a path segment over the limit, gets a problem naming the path', async () => {
      expectProblem(await as('staff')('/api/users/%ED%A0%80'), 400, 'malformed_url', 'path');
      expectProblem(await as('staff')(`/api/users/${'x'.repeat(300)}`), 414, 'uri_too_long', 'path');
    });
  });

  it('the OpenAPI document lists the routes to walk', () => {
    expect(routes.length).toBeGreaterThan(80);
    expect(routes.filter((r) => r.query.some((p) => p.name === 'filter')).length).toBeGreaterThan(25);
  });

  /**
   * The filter keys and sort fields a list takes, so random values land on real columns: the keys of the rows it
   * answers, and the lists named by its refusal of an unknown filter key or sort field (`filters: a, b`).
   */
  async function fieldsOf(route: GetRoute): Promise<{ filter: string[]; sort: string[] }> {
    if (route.stream) return { filter: [], sort: [] };
    const path = route.path.replace(/\{\w+\}/g, '00000000-0000-4000-8000-000000000000');
    const filter = new Set<string>();
    const sort = new Set<string>();
    const jsonOf = (res: InjectResponse): any => {
      try {
        return res.json();
      } catch {
        return null;
      }
    };
    const detailOf = (res: InjectResponse): string => String(jsonOf(res)?.detail ?? '');
    const named = (detail: string, label: string) => new RegExp(`${label}: ([\\w, ]+)`).exec(detail)?.[1].split(/,\s*/).filter(Boolean) ?? [];
    for (const [, inject] of clients) {
      const rows = await send(inject, path);
      const body = rows.statusCode === 200 ? jsonOf(rows) : null;
      for (const row of Array.isArray(body) ? body.slice(0, 3) : []) if (row && typeof row === 'object') Object.keys(row).forEach((k) => filter.add(k) && sort.add(k));
      const badFilter = await send(inject, `${path}?filter=${encodeURIComponent('{"zzProbe":1}')}`);
      named(detailOf(badFilter), 'filters').forEach((k) => filter.add(k));
      const badSort = await send(inject, `${path}?sort=${encodeURIComponent('["zzProbe","ASC"]')}`);
      named(detailOf(badSort), 'sortable').forEach((k) => sort.add(k));
    }
    return { filter: [...filter], sort: [...sort] };
  }

  it('every GET route answers random query and path values, on GET and HEAD, with < 500', async () => {
    const failures: string[] = [];
    for (const [i, route] of routes.entries()) {
      const declared = new Set(route.query.map((p) => p.name));
      const fields = await fieldsOf(route);
      // Declared parameters, plus react-admin's list parameters on every route (some lists read them undeclared).
      const query: Record<string, fc.Arbitrary<string | undefined>> = {};
      // fast-check's `freq`: one value in `freq` is absent. A filter is mostly there; sort and range half the time.
      const absentOneIn = (name: string) => (name === 'filter' ? 6 : name === 'sort' || name === 'range' ? 2 : 3);
      for (const p of route.query) query[p.name] = fc.option(paramArbitrary(p.name, p.schema, fields), { nil: undefined, freq: absentOneIn(p.name) });
      for (const [name, arb] of [['filter', filterParam(fields.filter)], ['sort', sortParam(fields.sort)], ['range', rangeParam]] as const)
        if (!declared.has(name)) query[name] = fc.option(arb, { nil: undefined, freq: 2 });
      // Two runs in three change one parameter only, so the others (valid by being absent) cannot be refused first.
      const names = [...new Set([...declared, 'filter', 'sort', 'range'])];
      const oneParam = fc.constantFrom(...names).chain((name) =>
        (name === 'filter' ? oneKeyFilterParam(fields.filter) : paramArbitrary(name, route.query.find((p) => p.name === name)?.schema, fields)).map((v) => ({ [name]: v } as Record<string, string | undefined>)),
      );
      const queryArb = fc.oneof({ weight: 1, arbitrary: fc.record(query) }, { weight: 2, arbitrary: oneParam });
      const params: Record<string, fc.Arbitrary<string>> = {};
      for (const p of route.pathParams) params[p.name] = p.schema?.format === 'uuid' ? fc.oneof(fc.uuid(), hostileString) : fc.oneof(hostileString, fc.uuid());

      // One request in five is a HEAD (every GET route answers HEAD too); streams only ever get HEAD.
      const method = route.stream ? fc.constant('HEAD' as const) : fc.constantFrom<'GET' | 'HEAD'>('GET', 'GET', 'GET', 'GET', 'HEAD');
      const property = fc.asyncProperty(method, fc.nat(clients.length - 1), queryArb, fc.record(params), async (verb, who, q, p) => {
        const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeAny(p[name] ?? ''));
        const qs = Object.entries(q)
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => `${k}=${encodeAny(v!)}`)
          .join('&');
        const url = qs ? `${path}?${qs}` : path;
        check(await send(clients[who][1], url, verb), `${verb} ${url} (as ${clients[who][0]})`);
      });
      const details = await fc.check(property, { seed: SEED + i, numRuns: RUNS });
      if (details.failed) failures.push(`${route.path} (FC_SEED=${SEED}, run seed ${details.seed}): ${String(details.errorInstance)}\n${fc.defaultReportMessage(details)}`);
    }
    expect(failures, failures.join('\n\n')).toEqual([]);
  }, 600_000);
});
