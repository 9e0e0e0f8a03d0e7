import { defineMonitorPlugin } from '@platform/sdk/monitors';
import { assemblyAiMonitor } from './assemblyai-monitor.ts';

export { assemblyAiMonitor };

export default defineMonitorPlugin(assemblyAiMonitor, { version: '0.1.0', kernel: '^0.1.0', description: 'Health monitor: AssemblyAI (transcripts)' });
