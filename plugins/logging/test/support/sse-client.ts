import http from 'node:http';

export interface SseEvent {
  event: string;
  data: any;
}

export interface SseClient {
  events: SseEvent[];
  status: number;
  /** Resolves with the first event (already received or coming) that matches. */
  next(match: (e: SseEvent) => boolean, timeoutMs?: number): Promise<SseEvent>;
  close(): void;
}

/** Opens a server-sent events stream on a listening kernel and collects its events. */
export function openSse(baseUrl: string, path: string, headers: Record<string, string>): Promise<SseClient> {
  return new Promise((resolve, reject) => {
    const events: SseEvent[] = [];
    const waiters: { match: (e: SseEvent) => boolean; done: (e: SseEvent) => void }[] = [];
    const req = http.get(new URL(path, baseUrl), { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (!event || data === undefined) continue;
          const e = { event, data: JSON.parse(data) };
          events.push(e);
          for (const w of [...waiters]) if (w.match(e)) {
            waiters.splice(waiters.indexOf(w), 1);
            w.done(e);
          }
        }
      });
      const client: SseClient = {
        events,
        status: res.statusCode ?? 0,
        next(match, timeoutMs = 5000) {
          const seen = events.find(match);
          if (seen) return Promise.resolve(seen);
          return new Promise((ok, fail) => {
            const timer = setTimeout(() => fail(new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(events).slice(0, 500)}`)), timeoutMs);
            waiters.push({ match, done: (e) => (clearTimeout(timer), ok(e)) });
          });
        },
        close: () => req.destroy(),
      };
      if (res.statusCode !== 200) {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ ...client, events: [{ event: 'error', data: body }] }));
        return;
      }
      resolve(client);
    });
    req.on('error', reject);
  });
}

/** The lines carried by `logs` events so far. */
export function linesOf(client: SseClient): any[] {
  return client.events.filter((e) => e.event === 'logs').flatMap((e) => e.data.lines);
}
