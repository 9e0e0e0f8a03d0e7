import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeHttpServer, TestKernel } from '@platform/sdk/testing';
import { InTestCredits } from './support/fake-providers.ts';
import { SECRET_MASK } from '@platform/sdk';
import { acceptingSms, addConfig, answering, API_KEY, assign, BASE_URL, createMessagingKernel, SIGNING_SECRET } from './support/messaging-kernel.ts';

/** Provider configurations: secrets sealed at rest and masked in every answer, edits keep masked secrets, test connection, audit. */
describe('provider configurations', () => {
  let t: TestKernel;
  let good: FakeHttpServer;
  let id: string;

  beforeAll(async () => {
    t = (await createMessagingKernel(InTestCredits.generous())).t;
    good = await acceptingSms();
    id = await addConfig(t, 'sms', 'Primary', good.url, { from: 'Acme' });
  });
  afterAll(async () => {
    await t?.close();
    await good?.close();
  });

  it('keeps secrets sealed in the database and masked in the API', async () => {
    const [row] = await t.sql<{ config: Record<string, string>; text: string }>('SELECT config, config::text AS text FROM messaging_provider_configs WHERE id = $1', [id]);
    expect(row.text).not.toContain(API_KEY);
    expect(row.text).not.toContain(SIGNING_SECRET);
    expect(row.config.apiKey).toBeTruthy();
    expect(row.config.baseUrl).toBe(good.url);
    expect(row.config.from).toBe('Acme');

    const shown = (await t.inject(`/api/messaging/providers/${id}`)).json();
    expect(shown).toMatchObject({ channel: 'sms', providerId: 'fake-sms', providerName: 'Fake SMS', providerInstalled: true, name: 'Primary', enabled: true, callbackUrl: `${BASE_URL}/api/messaging/callbacks/${id}` });
    expect(shown.config).toEqual({ baseUrl: good.url, apiKey: SECRET_MASK, signingSecret: SECRET_MASK, from: 'Acme' });
    const list = await t.inject('/api/messaging/providers');
    expect(list.headers['content-range']).toBe('providers 0-0/1');
    expect(list.body).not.toContain(API_KEY);
    const types = (await t.inject('/api/messaging/provider-types')).json();
    expect(types.map((p: any) => [p.channel, p.id, p.canTestConnection])).toEqual([['sms', 'fake-sms', true], ['email', 'fake-email', false]]);
  });

  it('keeps a secret sent back masked, and replaces one sent in clear (sealed again)', async () => {
    const shown = (await t.inject(`/api/messaging/providers/${id}`)).json();
    const res = await t.inject({ method: 'PATCH', url: `/api/messaging/providers/${id}`, payload: { name: 'Primary SMS', config: { ...shown.config, from: 'AcmeCo' } } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().config).toMatchObject({ apiKey: SECRET_MASK, from: 'AcmeCo' });
    // The kept secret still works: a send authenticates with it.
    await assign(t, null, 'sms', [id]);
    const sent = await t.inject({ method: 'POST', url: '/api/messaging/messages', payload: { channel: 'sms', tenantId: null, to: '+14155550100', body: 'platform notice' } });
    expect(sent.json()).toMatchObject({ status: 'queued', tenantId: null });
    expect(good.requests.at(-1)!.headers.authorization).toBe(`Bearer ${API_KEY}`);

    await t.inject({ method: 'PATCH', url: `/api/messaging/providers/${id}`, payload: { config: { ...shown.config, apiKey: 'key-rotated-987654321' } } });
    const [row] = await t.sql<{ text: string }>('SELECT config::text AS text FROM messaging_provider_configs WHERE id = $1', [id]);
    expect(row.text).not.toContain('key-rotated-987654321');
    await t.inject({ method: 'POST', url: '/api/messaging/messages', payload: { channel: 'sms', tenantId: null, to: '+14155550100', body: 'again' } });
    expect(good.requests.at(-1)!.headers.authorization).toBe('Bearer key-rotated-987654321');

    const audit = await t.sql<{ action: string; after: any }>(`SELECT action, after FROM audit WHERE target_id = $1 ORDER BY id`, [id]);
    expect(audit.map((a) => a.action)).toEqual(['messaging.provider_config.created', 'messaging.provider_config.updated', 'messaging.provider_config.updated']);
    expect(audit[1].after.secretsChanged).toEqual([]);
    expect(audit[2].after.secretsChanged).toEqual(['apiKey']);
    expect(JSON.stringify(audit)).not.toContain('key-rotated');
    expect(JSON.stringify(audit)).not.toContain(API_KEY);
  });

  it('edits only the config fields sent; an empty optional field is cleared', async () => {
    const res = await t.inject({ method: 'PATCH', url: `/api/messaging/providers/${id}`, payload: { config: { from: '' } } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().config).toEqual({ baseUrl: good.url, apiKey: SECRET_MASK, signingSecret: SECRET_MASK });
    const bad = await t.inject({ method: 'PATCH', url: `/api/messaging/providers/${id}`, payload: { config: { apiKey: 'short' } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ field: 'config.apiKey' });
  });

  it('tests the connection and keeps the result on the configuration', async () => {
    const ok = await t.inject({ method: 'POST', url: `/api/messaging/providers/${id}/test` });
    expect(ok.json()).toEqual({ ok: true, kind: null, detail: 'account Acme Corp' });
    expect(good.requests.at(-1)!.path).toBe('/account');

    const refusing = await answering(401, { message: 'bad key' });
    const badId = await addConfig(t, 'sms', 'Refused', refusing.url);
    const failed = (await t.inject({ method: 'POST', url: `/api/messaging/providers/${badId}/test` })).json();
    expect(failed).toMatchObject({ ok: false, kind: 'auth' });
    expect(failed.detail).toContain('HTTP 401');
    const shown = (await t.inject(`/api/messaging/providers/${badId}`)).json();
    expect(shown).toMatchObject({ lastTestOk: false });
    expect(shown.lastTestAt).toBeTruthy();
    expect((await t.inject(`/api/messaging/providers/${id}`)).json()).toMatchObject({ lastTestOk: true, lastTestDetail: 'account Acme Corp' });
    await refusing.close();
  });

  it('refuses a duplicate name and deleting an assigned configuration; deletes an unassigned one', async () => {
    const dup = await t.inject({ method: 'POST', url: '/api/messaging/providers', payload: { channel: 'sms', providerId: 'fake-sms', name: 'primary sms', config: { baseUrl: good.url, apiKey: API_KEY, signingSecret: SIGNING_SECRET } } });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'name_taken', field: 'name' });
    const del = await t.inject({ method: 'DELETE', url: `/api/messaging/providers/${id}` });
    expect(del.statusCode).toBe(409);
    expect(del.json()).toMatchObject({ code: 'provider_config_assigned' });
    const spare = await addConfig(t, 'sms', 'Spare', good.url);
    expect((await t.inject({ method: 'DELETE', url: `/api/messaging/providers/${spare}` })).statusCode).toBe(200);
    expect((await t.inject(`/api/messaging/providers/${spare}`)).statusCode).toBe(404);
  });

  it('is for platform staff: a tenant admin is refused, support may read but not change', async () => {
    const tenantAdmin = await t.signIn({ role: 'tenant_admin', tenant: 'acme' });
    for (const [method, url] of [['GET', '/api/messaging/providers'], ['GET', `/api/messaging/providers/${id}`], ['POST', `/api/messaging/providers/${id}/test`], ['GET', '/api/messaging/provider-types']] as const) {
      expect((await tenantAdmin.inject({ method, url })).statusCode, url).toBe(403);
    }
    const support = await t.signIn({ role: 'support' });
    expect((await support.inject('/api/messaging/providers')).statusCode).toBe(200);
    expect((await support.inject({ method: 'PATCH', url: `/api/messaging/providers/${id}`, payload: { enabled: false } })).statusCode).toBe(403);
  });
});
