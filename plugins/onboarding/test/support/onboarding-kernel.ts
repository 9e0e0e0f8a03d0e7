import { expect } from 'vitest';
import type { PluginManifest } from '@platform/sdk';
import { createTestKernel, startFakeHttpServer, type FakeHttpServer, type TestKernel, type TestKernelOptions } from '@platform/sdk/testing';
import messaging from '@platform/plugin-messaging';
import resend from '@platform/plugin-email-resend';
import onboarding from '../../src/index.ts';

export const BASE_URL = 'https://console.platform.test';

export interface SentEmail {
  to: string[];
  subject: string;
  html: string;
}

/** A fake Resend API (its real wire shape) that keeps every email it is asked to send. */
export interface Mailbox {
  server: FakeHttpServer;
  sent: SentEmail[];
  /** The last email to `address`. */
  lastTo(address: string): SentEmail | undefined;
  /** The token of the last link to `page` sent to `address`. */
  tokenFor(address: string, page: string): string;
  /** Make the provider refuse (5xx) from now on, or accept again. */
  failing: boolean;
}

export async function startMailbox(): Promise<Mailbox> {
  const box: Mailbox = {
    server: null as unknown as FakeHttpServer,
    sent: [],
    failing: false,
    lastTo: (address) => [...box.sent].reverse().find((m) => m.to.some((t) => t.includes(address))),
    tokenFor(address, page) {
      const mail = box.lastTo(address);
      expect(mail, `an email to ${address}`).toBeTruthy();
      // The template escapes `=` in attributes (`&#x3D;`), as HTML allows; a browser reads it back.
      const html = mail!.html.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');
      const match = new RegExp(`/${page}\\?token=([A-Za-z0-9_.%-]+)`).exec(html);
      expect(match, `a /${page} link in: ${mail!.html.slice(0, 400)}`).toBeTruthy();
      return decodeURIComponent(match![1]);
    },
  };
  let n = 0;
  box.server = await startFakeHttpServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (box.failing) {
      res.statusCode = 503;
      return void res.end(JSON.stringify({ name: 'internal_server_error', message: 'down' }));
    }
    if (req.method === 'POST' && req.path === '/emails') {
      const body = JSON.parse(req.body) as { to: string[]; subject: string; html?: string };
      box.sent.push({ to: body.to, subject: body.subject, html: body.html ?? '' });
      return void res.end(JSON.stringify({ id: `email_${++n}` }));
    }
    res.end('{}');
  });
  return box;
}

export interface OnboardingKernel {
  t: TestKernel;
  mailbox: Mailbox;
  close(): Promise<void>;
}

/** A real kernel with messaging, the Resend provider (against the fake) as the platform's email, and onboarding. */
export async function createOnboardingKernel(extra: PluginManifest[] = [], options: Partial<TestKernelOptions> = {}): Promise<OnboardingKernel> {
  const mailbox = await startMailbox();
  const t = await createTestKernel({ plugins: [messaging, resend, ...extra, onboarding], ...options, config: { baseUrl: BASE_URL, ...options.config } });
  const provider = await t.inject({
    method: 'POST',
    url: '/api/messaging/providers',
    payload: { channel: 'email', providerId: 'resend', name: 'Fake Resend', config: { baseUrl: mailbox.server.url, apiKey: 're_test_key_123', fromEmail: 'no-reply@platform.test' } },
  });
  expect(provider.statusCode, provider.body).toBe(201);
  const assigned = await t.inject({ method: 'PUT', url: '/api/messaging/assignments', payload: { tenantId: null, channel: 'email', providerConfigIds: [provider.json().id] } });
  expect(assigned.statusCode, assigned.body).toBe(200);
  return {
    t,
    mailbox,
    async close() {
      await t.close();
      await mailbox.server.close();
    },
  };
}
