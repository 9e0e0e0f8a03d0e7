import { promises as dns } from 'node:dns';
import { CheckFailure, defineMonitor, monitorResult } from '@platform/sdk/monitors';
import { Type } from '@platform/sdk';
import { answersInclude, RECORD_TYPES, resolveAnswers } from './dns-answers.ts';

/** DNS: a name resolves (to the expected value, when one is set), through the system or a given resolver. */
export const dnsMonitor = defineMonitor({
  id: 'dns',
  name: 'DNS',
  description: 'A name resolves, optionally to an expected value',
  tier: 'integrations',
  scope: 'platform',
  configSchema: Type.Object({
    hostname: Type.String({ minLength: 1 }),
    recordType: Type.Union(RECORD_TYPES.map((t) => Type.Literal(t)), { default: 'A' }),
    expected: Type.Optional(Type.String({ description: 'A value that must be among the answers' })),
    server: Type.Optional(Type.String({ description: 'Resolver address, e.g. 1.1.1.1 or 127.0.0.1:5353; default: the system resolver' })),
  }),
  defaultThresholds: { degradedMs: 500, unhealthyMs: 2000 },
  async check(ctx) {
    const { hostname, recordType, expected, server } = ctx.config;
    const resolver = new dns.Resolver({ timeout: ctx.timeoutMs, tries: 1 });
    if (server) resolver.setServers([server]);
    const cancel = () => resolver.cancel();
    ctx.signal.addEventListener('abort', cancel, { once: true });
    let answers: string[];
    try {
      answers = await resolveAnswers(resolver, hostname, recordType);
    } catch (err) {
      const code = (err as { code?: string }).code ?? 'error';
      throw new CheckFailure(`${recordType} ${hostname}: ${code === 'ENOTFOUND' || code === 'ENODATA' ? 'no such record' : code}`, { details: { code } });
    } finally {
      ctx.signal.removeEventListener('abort', cancel);
    }
    if (expected && !answersInclude(answers, expected)) return monitorResult(ctx, 'unhealthy', `${recordType} ${hostname} does not include ${expected}`, { answers });
    return monitorResult(ctx, 'healthy', `${recordType} ${hostname}: ${answers.slice(0, 3).join(', ')}`, { answers });
  },
});
