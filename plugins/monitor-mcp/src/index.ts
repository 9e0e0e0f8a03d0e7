import { defineMonitorPlugin } from '@platform/sdk/monitors';
import { mcpMonitor } from './mcp-monitor.ts';

export { mcpMonitor };

export default defineMonitorPlugin(mcpMonitor, { version: '0.1.0', kernel: '^0.1.0', description: 'Health monitor: MCP server (JSON-RPC initialize and ping)' });
