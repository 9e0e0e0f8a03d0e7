import { expect } from 'vitest';
import { createTestKernel, startFakeHttpServer, type FakeHttpServer, type TestKernel } from '@platform/sdk/testing';
import { createMessagingPlugin } from '../../src/index.ts';
import type { TemplateRenderer } from '../../src/templates/template-renderer.ts';
import { fakeEmailPlugin, fakeSmsPlugin, senderConsumerPlugin, type InTestCredits } from './fake-providers.ts';

export const BASE_URL = 'https://platform.test';
export const API_KEY = 'key-live-0123456789';
export const SIGNING_SECRET = 'whsec-0123456789abcdef';

export interface MessagingKernel {
  t: TestKernel;
  consumer: ReturnType<typeof senderConsumerPlugin>;
}

/**
 * A real kernel with messaging, the two fake providers and a plugin that sends through MESSAGING_SERVICE.
 * Credits come from an in-test account (these tests are not about the ledger), templates from `templates`
 * when given (tests of how sending uses a renderer, not of the templates themselves).
 */
export async function createMessagingKernel(credits: InTestCredits, templates?: TemplateRenderer): Promise<MessagingKernel> {
  const consumer = senderConsumerPlugin();
  const t = await createTestKernel({
    plugins: [createMessagingPlugin({ credits: () => credits, ...(templates ? { templates: () => templates } : {}) }), fakeSmsPlugin, fakeEmailPlugin, consumer],
    config: { baseUrl: BASE_URL },
  });
  return { t, consumer };
}

let sid = 0;
/** A fake SMS API answering sends with a new sid, `queued`, at 0.785 USD (79 cents rounded up; the micros exact). */
export function acceptingSms(): Promise<FakeHttpServer> {
  return startFakeHttpServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.path === '/account') return void res.end(JSON.stringify({ name: 'Acme Corp' }));
    res.statusCode = 201;
    res.end(JSON.stringify({ sid: `SM${String(++sid).padStart(6, '0')}`, status: 'queued', segments: 1, priceMinor: 79, priceMicros: 785_000 }));
  });
}

/** A fake API answering every request with `status` (and a body naming it). */
export function answering(status: number, body = { message: `error ${status}` }): Promise<FakeHttpServer> {
  return startFakeHttpServer((_req, res) => {
    res.statusCode = status;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(body));
  });
}

/** A fake API that answers only after `ms` (longer than the fake providers' 400 ms timeout). */
export function slow(ms = 1500): Promise<FakeHttpServer> {
  return startFakeHttpServer(
    (_req, res) =>
      new Promise<void>((resolve) =>
        setTimeout(() => {
          res.end('{"sid":"late","status":"queued"}');
          resolve();
        }, ms),
      ),
  );
}

export async function addConfig(t: TestKernel, channel: 'sms' | 'email', name: string, baseUrl: string, over: Record<string, unknown> = {}): Promise<string> {
  const res = await t.inject({
    method: 'POST',
    url: '/api/messaging/providers',
    payload: { channel, providerId: channel === 'sms' ? 'fake-sms' : 'fake-email', name, config: { baseUrl, apiKey: API_KEY, signingSecret: SIGNING_SECRET, ...over } },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

export async function assign(t: TestKernel, tenantId: string | null, channel: 'sms' | 'email', providerConfigIds: string[]): Promise<void> {
  const res = await t.inject({ method: 'PUT', url: '/api/messaging/assignments', payload: { tenantId, channel, providerConfigIds } });
  expect(res.statusCode, res.body).toBe(200);
}

/** Counts rows of the messaging tables (to show that a refused send wrote nothing). */
export async function messageCount(t: TestKernel): Promise<number> {
  const [{ n }] = await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM messaging_messages');
  return n;
}
