import { apiUrl, BaseUrl, checkHttpJson, defineMonitor, expectShape } from '@platform/sdk/monitors';
import { Secret, Type } from '@platform/sdk';

interface ResendDomains {
  data?: { id: string; name: string; status: string; region?: string }[];
}

const FAILED = new Set(['failed', 'temporary_failure']);

/** Resend (email): `GET /domains`; degraded when no domain is verified or one fails verification. */
export const resendMonitor = defineMonitor({
  id: 'resend',
  name: 'Email (Resend)',
  description: 'Lists sending domains and their verification',
  tier: 'core',
  scope: 'platform',
  configSchema: Type.Object({ baseUrl: BaseUrl('https://api.resend.com'), apiKey: Secret(Type.String({ minLength: 1 })) }),
  defaultThresholds: { degradedMs: 2000, unhealthyMs: 5000 },
  check: (ctx) =>
    checkHttpJson<ResendDomains>(ctx, {
      url: apiUrl(ctx.config.baseUrl, '/domains'),
      headers: { authorization: `Bearer ${ctx.config.apiKey}` },
      evaluate(b) {
        expectShape(Array.isArray(b?.data), 'no domain list');
        const verified = b.data.filter((d) => d.status === 'verified').map((d) => d.name);
        const failing = b.data.filter((d) => FAILED.has(d.status)).map((d) => d.name);
        const details = { domains: b.data.map((d) => ({ name: d.name, status: d.status })) };
        if (failing.length) return { status: 'degraded', message: `domain verification failing: ${failing.join(', ')}`, details };
        if (verified.length === 0) return { status: 'degraded', message: 'no verified sending domain', details };
        return { message: `${verified.length} verified domain${verified.length === 1 ? '' : 's'}`, details };
      },
    }),
});
