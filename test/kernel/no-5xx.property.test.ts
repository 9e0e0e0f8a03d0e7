import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { createTestKernel, type TestClient, type TestKernel } from '@platform/sdk/testing';
import { importPlugins, readPluginList } from '../../core/src/plugins/plugin-list.ts';
import { encodeAny, filterParam, hostileString, oneKeyFilterParam, paramArbitrary, rangeParam, sortParam } from './support/hostile-input.ts';
import type { InjectResponse } from './support/http.ts';

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
/** Server-sent event streams never end under inject; HEAD and a real socket cover them below. */
const STREAMS = /\/stream$/;

interface OpenApiParameter {
  in: 'query' | 'path' | 'header' | 'cookie';
  name: string;
  schema?: { type?: string; format?: string };
}

interface GetRoute {
  path: string;
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
    const spec = (await t.inject('/api/openapi.json')).json() as { paths: Record<string, { get?: { parameters?: OpenApiParameter[] } }> };
    routes = Object.entries(spec.paths)
      .filter(([path, ops]) => ops.get && !STREAMS.test(path))
      .map(([path, ops]) => ({
        path,
        query: (ops.get!.parameters ?? []).filter((p) => p.in === 'query'),
        pathParams: (ops.get!.parameters ?? []).filter((p) => p.in === 'path'),
      }));
  });
  afterAll(async () => t?.close());

  const send = async (inject: TestClient['inject'], url: string): Promise<InjectResponse> => withTimeout(inject(url), 10_000, `GET ${url}`);

  function check(res: InjectResponse, url: string): void {
    if (res.statusCode >= 500) throw new Error(`GET ${url} answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
    if (res.statusCode >= 400 && !/^application\/problem\+json/.test(String(res.headers['content-type'])))
      throw new Error(`GET ${url} answered ${res.statusCode} without problem+json: ${res.headers['content-type']}`);
  }

  it('the OpenAPI document lists the routes to walk', () => {
    expect(routes.length).toBeGreaterThan(80);
    expect(routes.filter((r) => r.query.some((p) => p.name === 'filter')).length).toBeGreaterThan(25);
  });

  /**
   * The filter keys and sort fields a list takes, so random values land on real columns: the keys of the rows it
   * answers, and the lists named by its refusal of an unknown filter key or sort field (`filters: a, b`).
   */
  async function fieldsOf(route: GetRoute): Promise<{ filter: string[]; sort: string[] }> {
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

  it('every GET route answers random query and path values with < 500', async () => {
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

      const property = fc.asyncProperty(fc.nat(clients.length - 1), queryArb, fc.record(params), async (who, q, p) => {
        const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeAny(p[name] ?? ''));
        const qs = Object.entries(q)
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => `${k}=${encodeAny(v!)}`)
          .join('&');
        const url = qs ? `${path}?${qs}` : path;
        check(await send(clients[who][1], url), `${url} (as ${clients[who][0]})`);
      });
      const details = await fc.check(property, { seed: SEED + i, numRuns: RUNS });
      if (details.failed) failures.push(`GET ${route.path} (FC_SEED=${SEED}, run seed ${details.seed}): ${String(details.errorInstance)}\n${fc.defaultReportMessage(details)}`);
    }
    expect(failures, failures.join('\n\n')).toEqual([]);
  }, 600_000);
});
