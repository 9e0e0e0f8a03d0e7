// Child process: times GET /api/health/ from outside the server's process, as a real client would (in
// the server's process the client's own callbacks would wait behind the scheduler's work too).
//   in:  { url, token, count, warmup, pauseMs }   out: { samples: { ms, status }[] }
import { timeGet } from './get-latency.ts';

process.on('message', async (m: { url: string; token: string; count?: number; warmup?: number; pauseMs?: number; untilMs?: number } | 'stop') => {
  if (m === 'stop') process.exit(0);
  for (let i = 0; i < (m.warmup ?? 0); i++) await timeGet(m.url, m.token);
  const samples = [];
  while ((m.count !== undefined && samples.length < m.count) || (m.untilMs !== undefined && Date.now() < m.untilMs)) {
    samples.push(await timeGet(m.url, m.token));
    if (m.pauseMs) await new Promise((r) => setTimeout(r, m.pauseMs));
  }
  process.send!({ samples });
});
process.send!('ready');
