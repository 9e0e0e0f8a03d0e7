import type { ServerResponse } from 'node:http';
import { expect } from 'vitest';
import type { ProviderCallbackRequest, ProviderError, ProviderFailureKind } from '@platform/sdk/messaging';
import { secretFieldsOf } from '@platform/sdk/monitors';
import { definePlugin, type ExtensionPoint, type PluginManifest, type TObject } from '@platform/sdk';
import { startFakeHttpServer, type FakeHandler, type FakeHttpServer } from '@platform/core/testing';
import { createTestKernel } from './test-kernel.ts';

/**
 * What every provider contract harness (SMS, payments...) shares: the provider's fake API started and stopped around
 * one call, the down / silent / closed fakes, the check that a failure names no secret, the forged callbacks, and a
 * real kernel boot that shows the plugin contributes its provider.
 */

/** A kernel boot takes seconds, more on a busy machine. */
export const KERNEL_BOOT_TIMEOUT_MS = 120_000;

/** A provider that is down: 503 with a JSON error body. */
export const unavailableFake: FakeHandler = (_req, res) => {
  res.statusCode = 503;
  res.setHeader('content-type', 'application/json');
  res.end('{"error":"service unavailable"}');
};

/** A fake that takes requests and never answers them; `release()` drops the held connections. */
export function neverAnswering(): { handler: FakeHandler; release(): void } {
  const held: ServerResponse[] = [];
  return {
    handler: (_req, res) => void held.push(res),
    release: () => held.splice(0).forEach((res) => res.destroy()),
  };
}

/** The URL of a server that was started and closed again: connecting to it is refused. */
export async function refusedUrl(): Promise<string> {
  const closed = await startFakeHttpServer();
  await closed.close();
  return closed.url;
}

/** Starts a fake API answering `handler`, runs `call` against it, and closes it. */
export async function withFakeApi<T>(handler: FakeHandler, call: (server: FakeHttpServer) => Promise<T>): Promise<T> {
  const server = await startFakeHttpServer(handler);
  try {
    return await call(server);
  } finally {
    await server.close();
  }
}

/**
 * The attempt (of any provider call: a send, a payment...) failed with `kind`, and no secret of `config` appears in
 * what it says. Returns the error.
 */
export function expectProviderFailure(attempt: { ok: true } | { ok: false; error: ProviderError }, kind: ProviderFailureKind, provider: { configSchema: TObject }, config: Record<string, unknown>): ProviderError {
  expect(attempt.ok, attempt.ok ? `expected a ${kind} failure, got ${JSON.stringify(attempt)}` : '').toBe(false);
  const error = (attempt as { ok: false; error: ProviderError }).error;
  expect(error.kind, error.message).toBe(kind);
  for (const field of secretFieldsOf(provider.configSchema)) {
    const value = config[field];
    if (typeof value === 'string' && value.length >= 4) expect(error.message).not.toContain(value);
  }
  return error;
}

function withHeader(request: ProviderCallbackRequest, header: string, value: string | undefined): ProviderCallbackRequest {
  const headers = { ...request.headers };
  if (value === undefined) delete headers[header];
  else headers[header] = value;
  return { ...request, headers };
}

/**
 * The signature with one character changed: the first (a bare digest), or the last (a `t=...,v1=<hex>` header, whose
 * start is not the digest).
 */
function alteredSignature(signature: string, at: 'first' | 'last'): string {
  if (at === 'first') return (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1);
  return signature.slice(0, -1) + (signature.at(-1) === '0' ? '1' : '0');
}

/** A genuine callback's three forgeries: without its signature, with an altered signature, with an altered body. */
export function forgeriesOf(genuine: ProviderCallbackRequest, header: string, options: { tamper?: (rawBody: string) => string; alter: 'first' | 'last' }): [string, ProviderCallbackRequest][] {
  const signature = genuine.headers[header]!;
  const tamper = options.tamper ?? ((body: string) => `${body} `);
  const forgeries: [string, ProviderCallbackRequest][] = [
    ['no signature', withHeader(genuine, header, undefined)],
    ['altered signature', withHeader(genuine, header, alteredSignature(signature, options.alter))],
    ['altered body', { ...genuine, rawBody: Buffer.from(tamper(genuine.rawBody.toString('utf8')), 'utf8') }],
  ];
  for (const [what, forged] of forgeries) {
    expect(forged.rawBody.equals(genuine.rawBody) && forged.headers[header] === signature, `${what} must differ from the genuine callback`).toBe(false);
  }
  return forgeries;
}

/** What `run` threw; fails the test when it did not throw. */
export async function thrownBy(run: () => unknown, what: string): Promise<unknown> {
  try {
    await run();
  } catch (err) {
    return err;
  }
  throw new Error(`expected ${what} to refuse it, but it accepted it`);
}

/** Every plugin `roots` depend on, found among `available`, dependencies first. */
function withDependencies(roots: PluginManifest[], available: PluginManifest[]): PluginManifest[] {
  const byName = new Map(available.map((p) => [p.name, p]));
  const ordered: PluginManifest[] = [];
  const visit = (p: PluginManifest) => {
    if (ordered.includes(p)) return;
    for (const dep of p.dependsOn ?? []) {
      const found = byName.get(dep);
      if (found) visit(found);
    }
    ordered.push(p);
  };
  roots.forEach(visit);
  return ordered;
}

/**
 * Boots a kernel with `owner` (the plugin declaring `point`) and `plugin` (plus those of `available` they depend on,
 * and a probe) and returns what was contributed to `point`.
 */
export async function contributedTo<T>(point: ExtensionPoint<T>, owner: PluginManifest, plugin: PluginManifest, available: PluginManifest[] = []): Promise<T[]> {
  let seen: T[] = [];
  const probe = definePlugin({
    name: 'provider-contract-probe',
    version: '0.0.0',
    kernel: '^0.1.0',
    dependsOn: [owner.name, plugin.name],
    boot(ctx) {
      seen = ctx.extensions.get(point);
    },
  });
  const t = await createTestKernel({ plugins: [...withDependencies([owner, plugin], available), probe] });
  await t.close();
  return seen;
}
