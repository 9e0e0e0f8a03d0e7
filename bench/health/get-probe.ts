// Child process: times GETs of the health API from outside the server's process, as a real client would
// (in the server's process the client's own callbacks would wait behind the scheduler's work too).
//   in:  { url | urls, token, count, warmup, pauseMs, untilMs }   out: { samples: { url, ms, status }[] }
// With several `urls` it takes them in turn (one request at a time), so each gets a share of the samples
// spread over the same period; `count` is then per URL.
import { timeGet } from './get-latency.ts';

process.on('message', async (m: { url?: string; urls?: string[]; token: string; count?: number; warmup?: number; pauseMs?: number; untilMs?: number } | 'stop') => {
  if (m === 'stop') process.exit(0);
  const urls = m.urls ?? [m.url!];
  for (let i = 0; i < (m.warmup ?? 0); i++) for (const url of urls) await timeGet(url, m.token);
  const samples = [];
  const wanted = m.count === undefined ? undefined : m.count * urls.length;
  for (let i = 0; (wanted !== undefined && samples.length < wanted) || (m.untilMs !== undefined && Date.now() < m.untilMs); i++) {
    const url = urls[i % urls.length];
    samples.push({ url, ...(await timeGet(url, m.token)) });
    if (m.pauseMs) await new Promise((r) => setTimeout(r, m.pauseMs));
  }
  process.send!({ samples });
});
process.send!('ready');
