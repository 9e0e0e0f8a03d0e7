import { CheckFailure, defineMonitor, describeCheckFailure, monitorResult, readJsonPath, type MonitorStatus } from '@platform/sdk/monitors';
import { Secret, Type } from '@platform/sdk';
import { matchesExpectedStatus } from './expected-status.ts';
import { certificateVerdict } from './certificate-expiry.ts';
import { probeHttp } from './http-probe.ts';

const RANK: Record<MonitorStatus, number> = { healthy: 0, degraded: 1, unhealthy: 2 };

/** Generic HTTP(S): the status code, a keyword, a JSON path's value, and the TLS certificate's expiry. */
export const httpMonitor = defineMonitor({
  id: 'http',
  name: 'HTTP endpoint',
  description: 'Status code, keyword, JSON path and TLS certificate expiry of one URL',
  tier: 'core',
  scope: 'platform',
  configSchema: Type.Object({
    url: Type.String({ pattern: '^https?://\\S+$' }),
    method: Type.Union([Type.Literal('GET'), Type.Literal('HEAD'), Type.Literal('POST')], { default: 'GET' }),
    expectedStatus: Type.String({ default: '2xx', description: 'e.g. 2xx, 200-299, 200,204' }),
    keyword: Type.Optional(Type.String({ description: 'Text the body must contain' })),
    jsonPath: Type.Optional(Type.String({ description: 'e.g. $.status or data.items[0].state' })),
    jsonExpected: Type.Optional(Type.String({ description: 'Value expected at jsonPath (compared as text); any value when empty' })),
    tlsExpiryWarnDays: Type.Integer({ minimum: 0, maximum: 365, default: 14 }),
    caCertificate: Type.Optional(Type.String({ description: 'PEM of a private CA to trust' })),
    ignoreTlsErrors: Type.Boolean({ default: false }),
    authorization: Type.Optional(Secret(Type.String({ description: 'Authorization header value' }))),
  }),
  defaultThresholds: { degradedMs: 2000, unhealthyMs: 5000 },
  async check(ctx) {
    const c = ctx.config;
    let res;
    try {
      res = await probeHttp(new URL(c.url), { method: c.method, headers: c.authorization ? { authorization: c.authorization } : {}, signal: ctx.signal, ca: c.caCertificate, rejectUnauthorized: !c.ignoreTlsErrors });
    } catch (err) {
      throw new CheckFailure(describeCheckFailure(err, ctx.signal, ctx.timeoutMs));
    }
    const findings: { status: MonitorStatus; message: string }[] = [];
    const details: Record<string, unknown> = { httpStatus: res.status };
    if (!matchesExpectedStatus(res.status, c.expectedStatus)) findings.push({ status: 'unhealthy', message: `HTTP ${res.status} (expected ${c.expectedStatus})` });
    if (c.keyword && !res.body.includes(c.keyword)) findings.push({ status: 'unhealthy', message: `keyword "${c.keyword}" not found` });
    if (c.jsonPath) {
      let value: unknown;
      try {
        value = readJsonPath(JSON.parse(res.body), c.jsonPath);
      } catch {
        findings.push({ status: 'unhealthy', message: 'invalid JSON' });
      }
      details.jsonValue = value ?? null;
      if (value === undefined && !findings.some((f) => f.message === 'invalid JSON')) findings.push({ status: 'unhealthy', message: `${c.jsonPath} missing` });
      else if (value !== undefined && c.jsonExpected !== undefined && c.jsonExpected !== '' && String(value) !== c.jsonExpected)
        findings.push({ status: 'unhealthy', message: `${c.jsonPath} is "${String(value).slice(0, 60)}" (expected "${c.jsonExpected}")` });
    }
    if (res.certificateValidTo) {
      const cert = certificateVerdict(res.certificateValidTo, Date.now(), c.tlsExpiryWarnDays);
      details.certificate = { validTo: res.certificateValidTo.toISOString(), daysLeft: cert.daysLeft, subject: res.certificateSubject };
      if (cert.status !== 'healthy') findings.push({ status: cert.status, message: cert.message });
    }
    if (findings.length === 0) return monitorResult(ctx, 'healthy', `HTTP ${res.status}${res.certificateValidTo ? ', certificate ok' : ''}`, details);
    const worst = findings.reduce((a, b) => (RANK[b.status] > RANK[a.status] ? b : a));
    return monitorResult(ctx, worst.status, findings.map((f) => f.message).join('; '), details);
  },
});
