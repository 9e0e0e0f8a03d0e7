import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMonitorCheck } from '@platform/sdk/monitors';
import { startFakeHttpServer, type FakeHttpServer, type RecordedRequest } from '@platform/sdk/testing';
import { startMonitorHarness, type MonitorHarness } from '@platform/plugin-health/testing';
import mcpPlugin, { mcpMonitor } from '../src/index.ts';
import { messagesFromEventStream } from '../src/json-rpc-over-http.ts';
import { expectSlowAnswerDegraded, expectTlsError } from '@platform/plugin-health/testing/http-failure-modes';

/** An MCP server over Streamable HTTP, answering as JSON or as an SSE stream. */
function mcpServer(opts: { sse: boolean; pingError?: boolean }) {
  return (req: RecordedRequest, res: any) => {
    if (req.headers.authorization !== 'Bearer mcp-secret-token') {
      res.statusCode = 401;
      return res.end('{"error":"unauthorized"}');
    }
    if (req.method === 'DELETE') {
      res.statusCode = 204;
      return res.end();
    }
    const msg = req.json<{ id?: number; method: string }>();
    if (msg.method === 'notifications/initialized') {
      expect(req.headers['mcp-session-id']).toBe('sess-42');
      res.statusCode = 202;
      return res.end();
    }
    let reply: unknown;
    if (msg.method === 'initialize') {
      res.setHeader('mcp-session-id', 'sess-42');
      reply = { jsonrpc: '2.0', id: msg.id, result: { protocolVersion: '2025-03-26', capabilities: { tools: { listChanged: true }, resources: {} }, serverInfo: { name: 'acme-mcp', version: '1.4.0' } } };
    } else if (msg.method === 'ping') {
      expect(req.headers['mcp-session-id']).toBe('sess-42');
      reply = opts.pingError ? { jsonrpc: '2.0', id: msg.id, error: { code: -32601, message: 'Method not found' } } : { jsonrpc: '2.0', id: msg.id, result: {} };
    }
    if (opts.sse) {
      res.setHeader('content-type', 'text/event-stream');
      return res.end(`event: message\ndata: ${JSON.stringify(reply)}\n\n`);
    }
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(reply));
  };
}

describe('MCP server monitor', () => {
  let server: FakeHttpServer;
  let h: MonitorHarness;
  beforeAll(async () => {
    server = await startFakeHttpServer(mcpServer({ sse: false }));
    h = await startMonitorHarness(mcpPlugin);
    await h.configure({ url: `${server.url}/mcp`, bearerToken: 'mcp-secret-token' });
  });
  afterAll(async () => {
    await h?.close();
    await server?.close();
  });

  it('initializes a session and pings (JSON responses)', async () => {
    const view = await h.check('mcp');
    expect(view).toMatchObject({ status: 'healthy', message: 'acme-mcp 1.4.0 answered ping', details: { protocolVersion: '2025-03-26', capabilities: ['tools', 'resources'] } });
    const methods = server.requests.filter((r) => r.method === 'POST').map((r) => r.json<{ method: string }>().method);
    expect(methods).toEqual(['initialize', 'notifications/initialized', 'ping']);
    expect(server.requests[0].json()).toMatchObject({ jsonrpc: '2.0', id: 1, params: { protocolVersion: '2025-03-26', clientInfo: { name: 'platform-health' } } });
  });

  it('reads responses sent as an SSE stream', async () => {
    server.handle(mcpServer({ sse: true }));
    expect((await runMonitorCheck(mcpMonitor, { url: `${server.url}/mcp`, bearerToken: 'mcp-secret-token' }, { timeoutMs: 2000 })).status).toBe('healthy');
  });

  it('is degraded when initialize and ping answer slowly, and names a TLS error', async () => {
    server.handle(mcpServer({ sse: false }));
    const config = { url: `${server.url}/mcp`, bearerToken: 'mcp-secret-token' };
    const slow = await expectSlowAnswerDegraded(mcpMonitor, config, server);
    expect(slow.message).toBe('acme-mcp 1.4.0 answered ping');
    const tls = await expectTlsError(mcpMonitor, config, server);
    expect(tls.message).not.toContain('mcp-secret-token');
  });

  it('reports a JSON-RPC error, an HTTP error, invalid JSON and a timeout', async () => {
    const run = (timeoutMs = 2000) => runMonitorCheck(mcpMonitor, { url: `${server.url}/mcp`, bearerToken: 'mcp-secret-token' }, { timeoutMs });
    server.handle(mcpServer({ sse: false, pingError: true }));
    expect(await run()).toMatchObject({ status: 'unhealthy', message: 'ping: JSON-RPC error -32601: Method not found' });
    server.handle((_req, res) => {
      res.statusCode = 502;
      res.end('bad gateway');
    });
    expect(await run()).toMatchObject({ status: 'unhealthy', message: 'initialize: HTTP 502 bad gateway' });
    server.handle((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end('{"jsonrpc":');
    });
    expect((await run()).message).toBe('initialize: invalid JSON');
    server.handle(async (_req, res) => {
      await new Promise((r) => setTimeout(r, 600));
      if (!res.destroyed) res.end('{}');
    });
    expect(await run(150)).toMatchObject({ status: 'unhealthy', message: 'timed out after 150 ms' });
  });

  it('parses SSE events', () => {
    expect(messagesFromEventStream('event: message\ndata: {"a":1}\n\n: comment\n\ndata: {"b":\ndata: 2}\n\n')).toEqual([{ a: 1 }, { b: 2 }]);
  });
});
