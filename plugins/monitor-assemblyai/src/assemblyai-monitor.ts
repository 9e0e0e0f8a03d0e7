import { apiUrl, BaseUrl, checkHttpJson, defineMonitor, expectShape } from '@platform/sdk/monitors';
import { Secret, Type } from '@platform/sdk';

interface TranscriptList {
  page_details?: { limit: number; result_count: number };
  transcripts?: { id: string; status: string }[];
}

/** AssemblyAI: `GET /v2/transcript?limit=1` with the API key (sent as the bare Authorization header). */
export const assemblyAiMonitor = defineMonitor({
  id: 'assemblyai',
  name: 'AssemblyAI',
  description: 'Lists transcripts',
  tier: 'external',
  scope: 'platform',
  configSchema: Type.Object({ baseUrl: BaseUrl('https://api.assemblyai.com'), apiKey: Secret(Type.String({ minLength: 1 })) }),
  defaultThresholds: { degradedMs: 2000, unhealthyMs: 5000 },
  check: (ctx) =>
    checkHttpJson<TranscriptList>(ctx, {
      url: apiUrl(ctx.config.baseUrl, '/v2/transcript?limit=1'),
      headers: { authorization: ctx.config.apiKey },
      evaluate(b) {
        expectShape(Array.isArray(b?.transcripts), 'no transcript list');
        const last = b.transcripts[0];
        const details = { lastTranscriptStatus: last?.status ?? null };
        if (last?.status === 'error') return { status: 'degraded', message: 'the latest transcript failed', details };
        return { message: 'transcription API reachable', details };
      },
    }),
});
