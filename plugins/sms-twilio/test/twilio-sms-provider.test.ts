import { describe, expect, it } from 'vitest';
import { attemptProviderConnectionTest, CallbackSignatureError } from '@platform/sdk/messaging';
import { describeSmsProviderContract, EXAMPLE_CALLBACK_URL, expectProviderFailure, sendThroughFake, startFakeHttpServer } from '@platform/testing';
import messaging from '@platform/plugin-messaging';
import twilioPlugin, { twilioSmsProvider } from '../src/index.ts';
import { MESSAGE_SID, SID, TOKEN, twilioApi, twilioError, twilioStatusCallback, UNDELIVERED_CALLBACK, wrongCredentials } from './twilio-fake-api.ts';

const FROM = '+15017122661';
const contract = {
  provider: twilioSmsProvider,
  configFor: (baseUrl: string) => ({ baseUrl, accountSid: SID, authToken: TOKEN, from: FROM }),
  fake: { healthy: twilioApi(), wrongCredentials, unavailable: twilioError(503, 20503, 'Service Unavailable') },
  callback: {
    signatureHeader: 'x-twilio-signature',
    signed: (config: { authToken: string }, url: string) => twilioStatusCallback(config.authToken, url, UNDELIVERED_CALLBACK),
    expected: [{ providerMessageId: MESSAGE_SID, status: 'undelivered' as const, reason: 'Twilio 30003: unreachable destination handset' }],
    // The forgery that matters: an attacker turning a failure into a delivery.
    tamper: (body: string) => body.replaceAll('undelivered', 'delivered'),
  },
  plugin: { manifest: twilioPlugin, messaging },
};

describeSmsProviderContract(contract);

describe('Twilio SMS provider', () => {
  it('posts the form to Messages.json with basic auth and this configuration as StatusCallback', async () => {
    const { attempt, request, requests } = await sendThroughFake(contract, twilioApi({ numSegments: '2' }));
    expect(attempt).toEqual({ ok: true, result: { providerMessageId: MESSAGE_SID, status: 'queued', segments: 2 } });
    expect(requests).toHaveLength(1);
    expect(request).toMatchObject({ method: 'POST', path: `/2010-04-01/Accounts/${SID}/Messages.json` });
    expect(request!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request!.headers.authorization).toBe(`Basic ${Buffer.from(`${SID}:${TOKEN}`).toString('base64')}`);
    expect(Object.fromEntries(new URLSearchParams(request!.body))).toEqual({
      To: '+2348030000001',
      From: FROM,
      Body: 'Your verification code is 481516',
      StatusCallback: EXAMPLE_CALLBACK_URL,
    });
    expect(request!.body).toContain('To=%2B2348030000001');
  });

  it("sends through a messaging service with an API key, and the message's own sender wins over the default", async () => {
    const keySid = 'SK0123456789abcdef0123456789abcdef';
    const mg = 'MG0123456789abcdef0123456789abcdef';
    const { attempt, request } = await sendThroughFake(
      { ...contract, message: { id: 'm-2', tenantId: 't-1', to: '+447700900123', from: 'ACME', body: 'Hi', segments: 1 } },
      twilioApi({ keys: { [keySid]: 'key_secret_value' } }),
      { config: (c) => ({ ...c, apiKeySid: keySid, apiKeySecret: 'key_secret_value', messagingServiceSid: mg }) },
    );
    expect(attempt.ok).toBe(true);
    expect(request!.headers.authorization).toBe(`Basic ${Buffer.from(`${keySid}:key_secret_value`).toString('base64')}`);
    expect(Object.fromEntries(new URLSearchParams(request!.body))).toMatchObject({ To: '+447700900123', From: 'ACME', MessagingServiceSid: mg });
  });

  it('reads the price Twilio reports (a negative decimal string) as a cost in integer minor units', async () => {
    const { attempt } = await sendThroughFake(contract, twilioApi({ status: 'sent', price: '-0.04000' }));
    expect(attempt).toMatchObject({ ok: true, result: { status: 'sent', cost: { amountMinor: 4, currency: 'USD' } } });
    const unpriced = await sendThroughFake(contract, twilioApi({ price: null }));
    expect(unpriced.attempt.ok && unpriced.attempt.result.cost).toBe(undefined);
  });

  it("refuses an invalid 'To' (21211) as rejected: final, no failover", async () => {
    const { attempt } = await sendThroughFake(contract, twilioError(400, 21211, "The 'To' number +2348030000001 is not a valid phone number."));
    const error = expectProviderFailure(attempt, 'rejected', twilioSmsProvider, contract.configFor('http://x'));
    expect(error).toMatchObject({ status: 400, providerCode: '21211', failover: false });
    expect(error.message).toBe("HTTP 400: Twilio 21211: The 'To' number +2348030000001 is not a valid phone number.");
  });

  it('fails over on configuration errors (21606 sender not on the account) and rate limits (429 / 20429)', async () => {
    const misconfigured = await sendThroughFake(contract, twilioError(400, 21606, "The 'From' phone number provided is not a valid message-capable Twilio phone number for this destination/account"));
    expect(expectProviderFailure(misconfigured.attempt, 'auth', twilioSmsProvider, {})).toMatchObject({ providerCode: '21606', failover: true });
    const limited = await sendThroughFake(contract, twilioError(429, 20429, 'Too Many Requests'));
    expect(expectProviderFailure(limited.attempt, 'unavailable', twilioSmsProvider, {})).toMatchObject({ status: 429, failover: true });
  });

  it('without any sender configured it fails over before calling Twilio', async () => {
    const { attempt, requests } = await sendThroughFake({ ...contract, configFor: (baseUrl) => ({ baseUrl, accountSid: SID, authToken: TOKEN }) }, twilioApi());
    expect(expectProviderFailure(attempt, 'auth', twilioSmsProvider, {}).message).toContain('No sender');
    expect(requests).toHaveLength(0);
  });

  it('reports a 201 whose message already failed as rejected, with its error code', async () => {
    const failedAtOnce: typeof wrongCredentials = (_req, res) => {
      res.statusCode = 201;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ sid: MESSAGE_SID, status: 'failed', error_code: 30007, error_message: 'Message filtered', num_segments: '1', price: null, price_unit: 'USD' }));
    };
    const { attempt } = await sendThroughFake(contract, failedAtOnce);
    expect(expectProviderFailure(attempt, 'rejected', twilioSmsProvider, {})).toMatchObject({ providerCode: '30007' });
  });

  it('parses delivered, sent and failed callbacks; an unknown status gives no update', async () => {
    const parse = (params: Record<string, string>) =>
      twilioSmsProvider.parseStatusCallback(twilioStatusCallback(TOKEN, EXAMPLE_CALLBACK_URL, { ...UNDELIVERED_CALLBACK, ErrorCode: '', ...params }), {
        config: contract.configFor('http://x'),
        callbackUrl: EXAMPLE_CALLBACK_URL,
      });
    expect(await parse({ MessageStatus: 'delivered', SmsStatus: 'delivered' })).toEqual([{ providerMessageId: MESSAGE_SID, status: 'delivered' }]);
    expect(await parse({ MessageStatus: 'sent', SmsStatus: 'sent' })).toEqual([{ providerMessageId: MESSAGE_SID, status: 'sent' }]);
    expect(await parse({ MessageStatus: 'failed', ErrorCode: '30008' })).toEqual([{ providerMessageId: MESSAGE_SID, status: 'failed', reason: 'Twilio 30008: unknown error' }]);
    expect(await parse({ MessageStatus: 'receiving', SmsStatus: 'receiving' })).toEqual([]);
  });

  it('refuses a callback signed for another URL, or with another auth token', () => {
    const config = contract.configFor('http://x');
    const forOtherUrl = twilioStatusCallback(TOKEN, EXAMPLE_CALLBACK_URL, UNDELIVERED_CALLBACK, 'https://attacker.example/hook');
    expect(() => twilioSmsProvider.parseStatusCallback(forOtherUrl, { config, callbackUrl: EXAMPLE_CALLBACK_URL })).toThrow(CallbackSignatureError);
    const otherToken = twilioStatusCallback('another_token', EXAMPLE_CALLBACK_URL, UNDELIVERED_CALLBACK);
    expect(() => twilioSmsProvider.parseStatusCallback(otherToken, { config, callbackUrl: EXAMPLE_CALLBACK_URL })).toThrow(CallbackSignatureError);
    const viaPort = twilioStatusCallback(TOKEN, EXAMPLE_CALLBACK_URL, UNDELIVERED_CALLBACK, EXAMPLE_CALLBACK_URL.replace('.test/', '.test:443/'));
    expect(twilioSmsProvider.parseStatusCallback(viaPort, { config, callbackUrl: EXAMPLE_CALLBACK_URL })).toHaveLength(1);
  });

  it('the connection test names the account, and fails over (auth) for a suspended one', async () => {
    const api = await startFakeHttpServer(twilioApi());
    try {
      const ok = await attemptProviderConnectionTest(twilioSmsProvider, contract.configFor(api.url), { idempotencyKey: 'k', callbackUrl: EXAMPLE_CALLBACK_URL });
      expect(ok).toEqual({ ok: true, detail: 'account "Acme prod" active (Full)' });
      expect(api.requests.at(-1)).toMatchObject({ method: 'GET', path: `/2010-04-01/Accounts/${SID}.json` });
      api.handle(twilioApi({ accountStatus: 'suspended' }));
      const suspended = await attemptProviderConnectionTest(twilioSmsProvider, contract.configFor(api.url), { idempotencyKey: 'k', callbackUrl: EXAMPLE_CALLBACK_URL });
      expect(suspended).toMatchObject({ ok: false, error: { kind: 'auth', message: 'Twilio account suspended' } });
    } finally {
      await api.close();
    }
  });
});
