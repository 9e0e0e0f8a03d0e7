import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeHttpServer, type FakeHttpServer } from '@platform/sdk/testing';
import { startMonitorHarness, type MonitorHarness } from '@platform/plugin-health/testing';
import { expectHttpFailureModes } from '@platform/plugin-health/testing/http-failure-modes';
import assemblyPlugin, { assemblyAiMonitor } from '../src/index.ts';

const KEY = 'aai-secret-key';

describe('AssemblyAI monitor', () => {
  let api: FakeHttpServer;
  let h: MonitorHarness;
  let lastStatus = 'completed';
  beforeAll(async () => {
    api = await startFakeHttpServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.headers.authorization !== KEY) {
        res.statusCode = 401;
        return res.end(JSON.stringify({ error: 'Authentication error, API token missing/invalid' }));
      }
      expect(req.path).toBe('/v2/transcript?limit=1');
      res.end(JSON.stringify({
        page_details: { limit: 1, result_count: 1, current_url: 'https://api.assemblyai.com/v2/transcript?limit=1', prev_url: null, next_url: null },
        transcripts: [{ id: 't1', resource_url: 'https://api.assemblyai.com/v2/transcript/t1', status: lastStatus, created: '2025-10-21T10:00:00', completed: '2025-10-21T10:01:00', audio_url: 'https://example.com/a.mp3', error: null }],
      }));
    });
    h = await startMonitorHarness(assemblyPlugin);
    await h.configure({ baseUrl: api.url, apiKey: KEY });
  });
  afterAll(async () => {
    await h?.close();
    await api?.close();
  });

  it('lists transcripts with the bare API key header', async () => {
    expect(await h.check('assemblyai')).toMatchObject({ status: 'healthy', message: 'transcription API reachable' });
  });

  it('degrades when the latest transcript failed, and reports a bad key', async () => {
    lastStatus = 'error';
    expect(await h.check('assemblyai')).toMatchObject({ lastResult: 'degraded', message: 'the latest transcript failed' });
    await h.configure({ apiKey: 'aai-secret-wrong' });
    expect((await h.check('assemblyai')).message).toBe('HTTP 401 from GET /v2/transcript: Authentication error, API token missing/invalid');
  });

  it('reports slow answers, TLS errors, 5xx, invalid JSON and timeouts', async () => {
    lastStatus = 'completed';
    await expectHttpFailureModes(assemblyAiMonitor, { baseUrl: api.url, apiKey: KEY }, api);
  });
});
