// The monitors of the benchmark: 15 platform-scoped and 3 per-tenant ones, with the settings that point
// them at the fake APIs.
import type { PluginManifest } from '@platform/sdk';
import postgres from '../../plugins/monitor-postgres/src/index.ts';
import redis from '../../plugins/monitor-redis/src/index.ts';
import http from '../../plugins/monitor-http/src/index.ts';
import tcp from '../../plugins/monitor-tcp/src/index.ts';
import dns from '../../plugins/monitor-dns/src/index.ts';
import stripe from '../../plugins/monitor-stripe/src/index.ts';
import twilio from '../../plugins/monitor-twilio/src/index.ts';
import resend from '../../plugins/monitor-resend/src/index.ts';
import slack from '../../plugins/monitor-slack/src/index.ts';
import wise from '../../plugins/monitor-wise/src/index.ts';
import mux from '../../plugins/monitor-mux/src/index.ts';
import assemblyai from '../../plugins/monitor-assemblyai/src/index.ts';
import yotpo from '../../plugins/monitor-yotpo/src/index.ts';
import vercel from '../../plugins/monitor-vercel/src/index.ts';
import mcp from '../../plugins/monitor-mcp/src/index.ts';
import shopify from '../../plugins/monitor-shopify/src/index.ts';
import metaAds from '../../plugins/monitor-meta-ads/src/index.ts';
import googleAds from '../../plugins/monitor-google-ads/src/index.ts';

export interface FakeApis {
  url: string;
  tcpPort: number;
  dns: string;
}

export function platformMonitors(api: FakeApis, databaseUrl: string): { plugin: PluginManifest; settings: Record<string, unknown> }[] {
  return [
    { plugin: postgres, settings: { connectionString: databaseUrl } },
    { plugin: redis, settings: { url: 'redis://127.0.0.1:6379' } },
    { plugin: http, settings: { url: `${api.url}/healthz`, jsonPath: '$.status', jsonExpected: 'ok' } },
    { plugin: tcp, settings: { host: '127.0.0.1', port: api.tcpPort, expectBanner: 'SSH-2.0' } },
    { plugin: dns, settings: { hostname: 'api.bench.test', recordType: 'A', expected: '203.0.113.10', server: api.dns } },
    { plugin: stripe, settings: { baseUrl: api.url, secretKey: 'sk_test_bench' } },
    { plugin: twilio, settings: { baseUrl: api.url, accountSid: 'AC' + '0'.repeat(32), authToken: 'bench-token' } },
    { plugin: resend, settings: { baseUrl: api.url, apiKey: 're_bench' } },
    { plugin: slack, settings: { baseUrl: api.url, botToken: 'xoxb-bench' } },
    { plugin: wise, settings: { baseUrl: api.url, apiToken: 'wise-bench' } },
    { plugin: mux, settings: { baseUrl: api.url, tokenId: 'id', tokenSecret: 'secret' } },
    { plugin: assemblyai, settings: { baseUrl: api.url, apiKey: 'aai-bench' } },
    { plugin: yotpo, settings: { baseUrl: api.url, appKey: 'APP', secretKey: 'secret' } },
    { plugin: vercel, settings: { baseUrl: api.url, token: 'vercel-bench' } },
    { plugin: mcp, settings: { url: `${api.url}/mcp` } },
  ];
}

export function tenantMonitors(api: FakeApis): { plugin: PluginManifest; platform: Record<string, unknown>; perTenant(i: number): Record<string, unknown> }[] {
  return [
    { plugin: shopify, platform: { baseUrl: api.url }, perTenant: (i) => ({ shopDomain: `shop-${i}.myshopify.com`, accessToken: `shpat_${i}` }) },
    { plugin: metaAds, platform: { baseUrl: api.url }, perTenant: (i) => ({ adAccountId: String(100_000 + i), accessToken: `EAAB${i}` }) },
    {
      plugin: googleAds,
      platform: { baseUrl: api.url, tokenUrl: `${api.url}/token`, developerToken: 'dev', clientId: 'client', clientSecret: 'secret' },
      perTenant: (i) => ({ customerId: String(1_000_000_000 + i), refreshToken: `1//refresh-${i}` }),
    },
  ];
}
