import { definePlugin, monitorRegistration, monitorSettings, MONITORS } from '@platform/sdk';
import { assemblyAiMonitor } from './assemblyai-monitor.ts';

export { assemblyAiMonitor };

export default definePlugin({
  name: 'monitor-assemblyai',
  version: '0.1.0',
  description: 'Health monitor: AssemblyAI (transcripts)',
  kernel: '^0.1.0',
  dependsOn: ['health'],
  settings: monitorSettings(assemblyAiMonitor),
  boot: (ctx) => ctx.extensions.contribute(MONITORS, monitorRegistration(ctx, assemblyAiMonitor)),
});
