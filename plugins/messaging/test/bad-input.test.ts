import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeHttpServer, TestClient, TestKernel } from '@platform/sdk/testing';
import { ProblemError } from '@platform/sdk';
import { InTestCredits } from './support/fake-providers.ts';
import type { TemplateRenderer } from '../src/templates/template-renderer.ts';
import { acceptingSms, addConfig, assign, createMessagingKernel, messageCount } from './support/messaging-kernel.ts';

/** A bad send is a 400 problem naming the field; the provider receives nothing, no message is recorded, no credit moves. */
describe('bad input', () => {
  let t: TestKernel;
  let admin: TestClient;
  let sms: FakeHttpServer;
  let mail: FakeHttpServer;
  const credits = new InTestCredits();
  /** A stand-in renderer with one SMS template, `welcome`, needing `data.name` (the templates have their own tests). */
  const welcomeTemplate: TemplateRenderer = {
    async render(_tenantId, key, channel, data) {
      if (key !== 'welcome') throw new ProblemError(404, 'template_not_found', `No template "${key}"`, { field: 'template' });
      if (channel !== 'sms') throw new ProblemError(400, 'validation_failed', 'welcome is an SMS template', { field: 'template' });
      if (typeof data.name !== 'string') throw new ProblemError(400, 'validation_failed', 'unknown or missing variable "name"', { field: 'data.name' });
      return { channel: 'sms', templateVersionId: 'welcome-v3', language: 'en', body: `Welcome, ${data.name}!`, segments: 1 };
    },
  };

  beforeAll(async () => {
    t = (await createMessagingKernel(credits, welcomeTemplate)).t;
    sms = await acceptingSms();
    mail = await acceptingSms();
    admin = await t.signIn({ role: 'tenant_admin', tenant: 'acme' });
    credits.balance.set(admin.tenant!.id, 100);
    await assign(t, null, 'sms', [await addConfig(t, 'sms', 'sms', sms.url)]);
    await assign(t, null, 'email', [await addConfig(t, 'email', 'mail', mail.url)]);
  });
  afterAll(async () => {
    await t?.close();
    await sms?.close();
    await mail?.close();
  });

  const refused = async (payload: Record<string, unknown>, field: string, status = 400) => {
    const rows = await messageCount(t);
    const res = await admin.inject({ method: 'POST', url: '/api/messaging/messages', payload });
    expect(res.statusCode, res.body).toBe(status);
    expect(String(res.headers['content-type'])).toContain('application/problem+json');
    expect(res.json().field).toBe(field);
    expect(sms.requests).toHaveLength(0);
    expect(mail.requests).toHaveLength(0);
    expect(await messageCount(t)).toBe(rows);
    expect(credits.movements).toHaveLength(0);
  };
  const smsTo = (to: unknown) => ({ channel: 'sms', to, body: 'hello' });
  const mailTo = (to: unknown) => ({ channel: 'email', to, subject: 'Hi', text: 'Hello' });

  it('an SMS number that is not E.164 or not a valid number', async () => {
    for (const to of ['07700900123', '+44 7700 900123', '4155550100', '+1234', '+10005550100', '+447700900123x', '']) await refused(smsTo(to), 'to');
    await refused(smsTo(['+14155550100']), 'to');
  });

  it('an invalid email address, in a list or as an object', async () => {
    for (const to of ['not-an-address', 'a@b', 'a..b@example.com', 'a@-example.com', 'a b@example.com', '@example.com', 'a@example.c0m']) await refused(mailTo(to), 'to');
    await refused(mailTo(['ok@example.com', 'bad@']), 'to.1');
    await refused(mailTo({ email: 'bad' }), 'to.email');
    await refused(mailTo({ email: 'ok@example.com', name: 'Evil\r\nBcc: x@example.com' }), 'to.name');
    await refused(mailTo([]), 'to');
  });

  it('missing or bad content', async () => {
    await refused({ channel: 'sms', to: '+14155550100' }, 'body');
    await refused({ channel: 'sms', to: '+14155550100', body: '   ' }, 'body');
    await refused({ channel: 'sms', to: '+14155550100', body: 'x'.repeat(1531 + 160) }, 'body');
    await refused({ channel: 'email', to: 'a@example.com', text: 'no subject' }, 'subject');
    await refused({ channel: 'email', to: 'a@example.com', subject: 'Line\nbreak', text: 'x' }, 'subject');
    await refused({ channel: 'email', to: 'a@example.com', subject: 'Empty' }, 'text');
    await refused({ channel: 'sms', to: '+14155550100', body: 'both', template: 'welcome' }, 'body');
    await refused({ channel: 'sms', to: '+14155550100', from: 'A sender id that is too long' , body: 'x' }, 'from');
    await refused({ channel: 'email', to: 'a@example.com', from: 'nope', subject: 'S', text: 'x' }, 'from');
  });

  it('schema-level refusals: an unknown channel or field', async () => {
    await refused({ channel: 'fax', to: '+14155550100', body: 'x' }, 'channel');
    await refused({ ...smsTo('+14155550100'), colour: 'blue' }, 'colour');
  });

  it("the template renderer's refusals: a missing variable (400 data.name), an unknown template (404), before anything is written", async () => {
    await refused({ channel: 'sms', to: '+14155550100', template: 'welcome', data: {} }, 'data.name');
    await refused({ channel: 'sms', to: '+14155550100', template: 'nope', data: { name: 'x' } }, 'template', 404);
    await refused({ channel: 'sms', to: '+14155550100', template: 'welcome', data: 'name' }, 'data');
  });

  it('a template send records the rendered text and the template version', async () => {
    const res = await admin.inject({ method: 'POST', url: '/api/messaging/messages', payload: { channel: 'sms', to: '+14155550100', template: 'welcome', data: { name: 'Ada' } } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ body: 'Welcome, Ada!', templateKey: 'welcome', templateVersionId: 'welcome-v3', language: 'en', segments: 1 });
    expect(new URLSearchParams(sms.requests[0].body).get('Body')).toBe('Welcome, Ada!');
  });

  it('bad provider configurations name the config field; an unknown provider names providerId', async () => {
    const post = (payload: Record<string, unknown>) => t.inject({ method: 'POST', url: '/api/messaging/providers', payload });
    const bad = async (payload: Record<string, unknown>, field: string) => {
      const res = await post(payload);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().field).toBe(field);
    };
    await bad({ channel: 'sms', providerId: 'fake-sms', name: 'x', config: { baseUrl: sms.url, signingSecret: 'whsec-12345678' } }, 'config.apiKey');
    await bad({ channel: 'sms', providerId: 'fake-sms', name: 'x', config: { baseUrl: sms.url, apiKey: 'short', signingSecret: 'whsec-12345678' } }, 'config.apiKey');
    await bad({ channel: 'sms', providerId: 'fake-sms', name: 'x', config: { baseUrl: 42, apiKey: 'long-enough-key', signingSecret: 'whsec-12345678' } }, 'config.baseUrl');
    await bad({ channel: 'sms', providerId: 'twilio-or-so', name: 'x', config: {} }, 'providerId');
    await bad({ channel: 'email', providerId: 'fake-sms', name: 'x', config: {} }, 'providerId');
    const assignBad = await t.inject({ method: 'PUT', url: '/api/messaging/assignments', payload: { tenantId: null, channel: 'sms', providerConfigIds: [(await t.inject('/api/messaging/providers?filter={"channel":"email"}')).json()[0].id] } });
    expect(assignBad.statusCode).toBe(400);
    expect(assignBad.json()).toMatchObject({ code: 'channel_mismatch', field: 'providerConfigIds.0' });
  });
});
