import { defineMonitor, expectShape, monitorResult } from '@platform/sdk/monitors';
import { Secret, Type } from '@platform/sdk';
import { postJsonRpc } from './json-rpc-over-http.ts';

export const MCP_PROTOCOL_VERSION = '2025-03-26';

/**
 * An MCP server over Streamable HTTP: `initialize`, the `notifications/initialized` notification, then
 * `ping`, in one session; the session is closed afterwards (best effort).
 */
export const mcpMonitor = defineMonitor({
  id: 'mcp',
  name: 'MCP server',
  description: 'JSON-RPC initialize and ping',
  tier: 'integrations',
  scope: 'platform',
  configSchema: Type.Object({
    url: Type.String({ pattern: '^https?://\\S+$', description: 'The MCP endpoint, e.g. https://mcp.example.com/mcp' }),
    bearerToken: Type.Optional(Secret(Type.String())),
  }),
  defaultThresholds: { degradedMs: 2000, unhealthyMs: 5000 },
  async check(ctx) {
    const auth: Record<string, string> = ctx.config.bearerToken ? { authorization: `Bearer ${ctx.config.bearerToken}` } : {};
    const init = await postJsonRpc(ctx, ctx.config.url, { method: 'initialize', id: 1, params: { protocolVersion: MCP_PROTOCOL_VERSION, capabilities: {}, clientInfo: { name: 'platform-health', version: '1.0.0' } } }, auth);
    const result = init.response!.result;
    expectShape(result?.protocolVersion && result?.serverInfo, 'initialize returned no serverInfo');
    const session: Record<string, string> = { ...auth, 'mcp-protocol-version': String(result.protocolVersion), ...(init.sessionId ? { 'mcp-session-id': init.sessionId } : {}) };
    await postJsonRpc(ctx, ctx.config.url, { method: 'notifications/initialized' }, session);
    await postJsonRpc(ctx, ctx.config.url, { method: 'ping', id: 2 }, session);
    if (init.sessionId) void ctx.fetch(ctx.config.url, { method: 'DELETE', headers: session }).catch(() => undefined);
    return monitorResult(ctx, 'healthy', `${result.serverInfo.name} ${result.serverInfo.version ?? ''} answered ping`.replace('  ', ' '), {
      server: result.serverInfo.name,
      serverVersion: result.serverInfo.version ?? null,
      protocolVersion: result.protocolVersion,
      capabilities: Object.keys(result.capabilities ?? {}),
    });
  },
});
