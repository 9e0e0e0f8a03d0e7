// What every bench/kernel server answers over IPC: its CPU time so far ('cpu'), a CPU profile of the
// load only ('profile-start', then 'profile-stop' answers the .cpuprofile JSON), and 'stop'.
import { Session } from 'node:inspector/promises';

export function answerBenchControl(stop: () => Promise<void>): void {
  let session: Session | null = null;
  process.on('message', async (m) => {
    if (m === 'cpu') {
      const u = process.cpuUsage();
      process.send?.({ cpu: u.user + u.system });
    }
    if (m === 'profile-start') {
      session = new Session();
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: 200 });
      await session.post('Profiler.start');
      process.send?.({ profiling: true });
    }
    if (m === 'profile-stop' && session) {
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      session = null;
      process.send?.({ profile });
    }
    if (m === 'stop') {
      await stop();
      process.exit(0);
    }
  });
}
