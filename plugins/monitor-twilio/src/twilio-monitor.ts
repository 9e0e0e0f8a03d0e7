import { apiUrl, basicAuth, BaseUrl, checkHttpJson, defineMonitor, expectShape } from '@platform/sdk/monitors';
import { Secret, Type } from '@platform/sdk';

interface TwilioAccount {
  sid?: string;
  friendly_name?: string;
  status?: 'active' | 'suspended' | 'closed';
  type?: string;
}

/** Twilio: `GET /2010-04-01/Accounts/<AccountSid>.json` with basic auth. */
export const twilioMonitor = defineMonitor({
  id: 'twilio',
  name: 'Twilio',
  description: 'Fetches the account',
  tier: 'core',
  scope: 'platform',
  configSchema: Type.Object({
    baseUrl: BaseUrl('https://api.twilio.com'),
    accountSid: Type.String({ pattern: '^AC[0-9a-fA-F]{32}$' }),
    authToken: Secret(Type.String({ minLength: 1 })),
  }),
  defaultThresholds: { degradedMs: 2000, unhealthyMs: 5000 },
  check: (ctx) =>
    checkHttpJson<TwilioAccount>(ctx, {
      url: apiUrl(ctx.config.baseUrl, `/2010-04-01/Accounts/${ctx.config.accountSid}.json`),
      headers: { authorization: basicAuth(ctx.config.accountSid, ctx.config.authToken) },
      evaluate(b) {
        expectShape(b?.sid && b.status, 'no account');
        const details = { accountType: b.type ?? null, accountStatus: b.status };
        if (b.status !== 'active') return { status: 'unhealthy', message: `account ${b.status}`, details };
        return { message: `account active (${b.type ?? 'unknown type'})`, details };
      },
    }),
});
