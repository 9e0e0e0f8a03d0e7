import { describe, expect, it } from 'vitest';
import { ProviderEvents } from '@openfeature/web-sdk';
import type { FlagEvaluation } from '@platform/sdk/feature-flags';
import { PlatformWebFlagProvider } from '../src/openfeature/web/index.ts';

const flag = (key: string, value: boolean): FlagEvaluation => ({ key, value, enabled: value, variant: null, reason: value ? 'STATIC' : 'DISABLED', rule: value ? 'everyone' : 'disabled' });
const frame = (version: number, flags: Record<string, FlagEvaluation>) => `id: ${version}\nevent: flags\ndata: ${JSON.stringify({ version, flags })}\n\n`;

/** A fetch whose responses the test scripts: each request gets the next scripted stream or status. */
function scriptedFetch() {
  const streams: { send(text: string): void; fail(): void; end(): void }[] = [];
  const statuses: number[] = [];
  const requests: { url: string; headers: Record<string, string> }[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    requests.push({ url: String(input), headers: init?.headers as Record<string, string> });
    const status = statuses.shift();
    if (status) return new Response(JSON.stringify({ code: 'nope', detail: 'refused' }), { status });
    let controller!: ReadableStreamDefaultController<Uint8Array>;
    const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
    streams.push({ send: (text) => controller.enqueue(new TextEncoder().encode(text)), fail: () => controller.error(new Error('connection reset')), end: () => controller.close() });
    return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
  };
  return { fetch, streams, statuses, requests };
}

const until = async (predicate: () => boolean, timeoutMs = 3000) => {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

describe('PlatformWebFlagProvider lifecycle', () => {
  it('is ready with the first flag set, goes stale when the stream breaks, and is ready again with the changes after reconnecting', async () => {
    const net = scriptedFetch();
    const provider = new PlatformWebFlagProvider({ baseUrl: 'http://platform.test', apiKey: 'pk_abc', fetch: net.fetch, maxRetryMs: 20 });
    const events: string[] = [];
    for (const type of [ProviderEvents.Ready, ProviderEvents.Stale, ProviderEvents.Error, ProviderEvents.ConfigurationChanged])
      provider.events.addHandler(type, (details) => void events.push(`${type}${details && 'flagsChanged' in details ? ` ${details.flagsChanged?.join(',')}` : ''}`));

    const ready = provider.initialize({ targetingKey: 'u1' });
    await until(() => net.streams.length === 1);
    expect(net.requests[0]).toMatchObject({ url: 'http://platform.test/api/feature-flags/stream?userId=u1', headers: { authorization: 'Bearer pk_abc', accept: 'text/event-stream' } });
    net.streams[0].send(`retry: 10\n\n${frame(1, { a: flag('a', false), b: flag('b', true) })}`);
    await ready;
    expect(provider.resolveBooleanEvaluation('a', true)).toMatchObject({ value: false, reason: 'DISABLED' });

    net.streams[0].fail();
    await until(() => net.streams.length === 2);
    expect(net.requests[1].headers['last-event-id']).toBe('1');
    net.streams[1].send(frame(2, { a: flag('a', true), b: flag('b', true) }));
    await until(() => events.length === 3);
    expect(events).toEqual(['PROVIDER_STALE', 'PROVIDER_READY', 'PROVIDER_CONFIGURATION_CHANGED a']);
    expect(provider.resolveBooleanEvaluation('a', false).value).toBe(true);
    expect(provider.version).toBe(2);

    // A stream the server ends in the normal way is resumed quietly.
    net.streams[1].end();
    await until(() => net.streams.length === 3);
    net.streams[2].send(frame(2, { a: flag('a', true), b: flag('b', true) }));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(events).toHaveLength(3);
    await provider.onClose();
  });

  it('fails initialize on a refusal and reports an error when a later reconnection is refused', async () => {
    const refused = scriptedFetch();
    refused.statuses.push(401);
    await expect(new PlatformWebFlagProvider({ baseUrl: 'http://platform.test', fetch: refused.fetch }).initialize({})).rejects.toThrow('flag stream: HTTP 401 nope: refused');

    const net = scriptedFetch();
    const provider = new PlatformWebFlagProvider({ baseUrl: 'http://platform.test', fetch: net.fetch, maxRetryMs: 20 });
    const errors: string[] = [];
    provider.events.addHandler(ProviderEvents.Error, (details) => void errors.push(details?.message ?? ''));
    const ready = provider.initialize({});
    await until(() => net.streams.length === 1);
    net.streams[0].send(frame(1, {}));
    await ready;
    net.statuses.push(403);
    net.streams[0].end();
    await until(() => errors.length === 1);
    expect(errors[0]).toMatch(/HTTP 403/);
    await provider.onClose();
  });

  it('rejects initialize when no flag set arrives in time', async () => {
    const net = scriptedFetch();
    const provider = new PlatformWebFlagProvider({ baseUrl: 'http://platform.test', fetch: net.fetch, readyTimeoutMs: 30 });
    await expect(provider.initialize({})).rejects.toThrow(/no flag set from the stream within 30 ms/);
    await provider.onClose();
  });
});
