import { describe, expect, it } from 'vitest';
import { attemptProviderConnectionTest, CallbackSignatureError } from '@platform/sdk/messaging';
import { describeSmsProviderContract, EXAMPLE_CALLBACK_URL, expectProviderFailure, sendThroughFake, startFakeHttpServer } from '@platform/testing';
import messaging from '@platform/plugin-messaging';
import termiiPlugin, { termiiSmsProvider } from '../src/index.ts';
import { API_KEY, MESSAGE_ID, SECRET_KEY, termiiApi, termiiError, termiiReport, wrongCredentials } from './termii-fake-api.ts';

const contract = {
  provider: termiiSmsProvider,
  configFor: (baseUrl: string) => ({ baseUrl, apiKey: API_KEY, senderId: 'AcmeCo', channel: 'generic' as const, webhookSecret: SECRET_KEY }),
  fake: { healthy: termiiApi(), wrongCredentials, unavailable: termiiError(502, 'Bad Gateway') },
  callback: {
    signatureHeader: 'x-termii-signature',
    signed: (config: { webhookSecret?: string }, url: string) => termiiReport(config.webhookSecret!, url),
    expected: [{ providerMessageId: MESSAGE_ID, status: 'undelivered' as const, reason: 'Termii: DND Active on Phone Number' }],
    tamper: (body: string) => body.replace('DND Active on Phone Number', 'Delivered'),
  },
  plugin: { manifest: termiiPlugin, messaging },
};

describeSmsProviderContract(contract);

describe('Termii SMS provider', () => {
  it('posts JSON to /api/sms/send: the key in the body, the number without +, plain on the generic route', async () => {
    const { attempt, request, requests } = await sendThroughFake(contract, termiiApi());
    expect(attempt).toEqual({ ok: true, result: { providerMessageId: MESSAGE_ID, status: 'sent' } });
    expect(requests).toHaveLength(1);
    expect(request).toMatchObject({ method: 'POST', path: '/api/sms/send' });
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.json()).toEqual({ api_key: API_KEY, to: '2348030000001', from: 'AcmeCo', sms: 'Your verification code is 481516', type: 'plain', channel: 'generic' });
  });

  it("uses the message's own sender and the dnd route when configured, and keeps all 19 digits of the id", async () => {
    const { attempt, request } = await sendThroughFake(
      { ...contract, message: { id: 'm-2', tenantId: 't-1', to: '+447700900123', from: 'Alerts', body: 'Disk full', segments: 1 } },
      termiiApi({ idAsNumber: true }),
      { config: (c) => ({ ...c, channel: 'dnd' as const }) },
    );
    expect(attempt).toMatchObject({ ok: true, result: { providerMessageId: MESSAGE_ID } });
    expect(request!.json()).toMatchObject({ to: '447700900123', from: 'Alerts', channel: 'dnd' });
  });

  it('an exhausted balance or an unapproved sender id fails over (auth); a bad number is rejected', async () => {
    const broke = await sendThroughFake(contract, termiiError(400, 'Insufficient balance'));
    expect(expectProviderFailure(broke.attempt, 'auth', termiiSmsProvider, contract.configFor('http://x')).message).toBe('HTTP 400: Insufficient balance');
    const sender = await sendThroughFake(contract, termiiError(404, 'ApplicationSenderId not found for applicationId: 4321 and senderName: AcmeCo', '404'));
    expect(expectProviderFailure(sender.attempt, 'auth', termiiSmsProvider, {})).toMatchObject({ providerCode: '404', failover: true });
    const badNumber = await sendThroughFake(contract, termiiError(400, 'Invalid phone number format'));
    expect(expectProviderFailure(badNumber.attempt, 'rejected', termiiSmsProvider, {}).failover).toBe(false);
  });

  it('the connection test reads the balance with the key in the query', async () => {
    const api = await startFakeHttpServer(termiiApi());
    try {
      const ok = await attemptProviderConnectionTest(termiiSmsProvider, contract.configFor(api.url), { idempotencyKey: 'k', callbackUrl: EXAMPLE_CALLBACK_URL });
      expect(ok).toEqual({ ok: true, detail: 'balance 3120.5 NGN (Acme Ltd)' });
      expect(api.requests.at(-1)).toMatchObject({ method: 'GET', path: `/api/get-balance?api_key=${API_KEY}` });
    } finally {
      await api.close();
    }
  });

  it('parses Delivered, Message Sent, Message Failed and the old "DELIVERED | ..." form; ignores other events', () => {
    const config = contract.configFor('http://x');
    const parse = (fields: Record<string, unknown>) => termiiSmsProvider.parseStatusCallback(termiiReport(SECRET_KEY, EXAMPLE_CALLBACK_URL, fields), { config, callbackUrl: EXAMPLE_CALLBACK_URL });
    expect(parse({ status: 'Delivered' })).toEqual([{ providerMessageId: MESSAGE_ID, status: 'delivered' }]);
    expect(parse({ status: 'DELIVERED | Message delivered to handset' })).toEqual([{ providerMessageId: MESSAGE_ID, status: 'delivered' }]);
    expect(parse({ status: 'Message Sent' })).toEqual([{ providerMessageId: MESSAGE_ID, status: 'sent' }]);
    expect(parse({ status: 'Message Failed' })).toEqual([{ providerMessageId: MESSAGE_ID, status: 'failed', reason: 'Termii: Message Failed' }]);
    expect(parse({ type: 'device_status', status: 'offline' })).toEqual([]);
    expect(parse({ status: 'Something new' })).toEqual([]);
  });

  it('refuses every report when the configuration has no webhook secret, and one signed with another key', () => {
    const { webhookSecret: _unused, ...noSecret } = contract.configFor('http://x');
    expect(() => termiiSmsProvider.parseStatusCallback(termiiReport(SECRET_KEY, EXAMPLE_CALLBACK_URL), { config: noSecret, callbackUrl: EXAMPLE_CALLBACK_URL })).toThrow(CallbackSignatureError);
    expect(() => termiiSmsProvider.parseStatusCallback(termiiReport('another_secret', EXAMPLE_CALLBACK_URL), { config: contract.configFor('http://x'), callbackUrl: EXAMPLE_CALLBACK_URL })).toThrow(
      CallbackSignatureError,
    );
  });
});
