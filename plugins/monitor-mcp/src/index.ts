import { definePlugin, monitorRegistration, monitorSettings, MONITORS } from '@platform/sdk';
import { mcpMonitor } from './mcp-monitor.ts';

export { mcpMonitor };

export default definePlugin({
  name: 'monitor-mcp',
  version: '0.1.0',
  description: 'Health monitor: MCP server (JSON-RPC initialize and ping)',
  kernel: '^0.1.0',
  dependsOn: ['health'],
  settings: monitorSettings(mcpMonitor),
  boot: (ctx) => ctx.extensions.contribute(MONITORS, monitorRegistration(ctx, mcpMonitor)),
});
