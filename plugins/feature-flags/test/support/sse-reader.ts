import { ServerSentEventParser, type ServerSentEvent } from '../../src/openfeature/web/server-sent-events.ts';

/** Reads a server-sent-events response: `next(predicate)` resolves with the first matching event. */
export interface SseEvent {
  event: string;
  id: string | null;
  data: any;
}

export async function openEventStream(url: string, headers: Record<string, string>) {
  const abort = new AbortController();
  const res = await fetch(url, { headers, signal: abort.signal });
  if (!res.ok || !res.body) throw new Error(`stream: ${res.status} ${await res.text()}`);
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  const parser = new ServerSentEventParser();
  const events: SseEvent[] = [];
  const waiters: { predicate: (e: SseEvent) => boolean; resolve: (e: SseEvent) => void }[] = [];

  const dispatch = (raw: ServerSentEvent) => {
    const parsed: SseEvent = { event: raw.event, id: raw.id, data: JSON.parse(raw.data) };
    events.push(parsed);
    for (const waiter of [...waiters]) {
      if (waiter.predicate(parsed)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(parsed);
      }
    }
  };

  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        for (const event of parser.push(decoder.decode(value, { stream: true }))) dispatch(event);
      }
    } catch {
      /* aborted */
    }
  })();

  return {
    status: res.status,
    contentType: res.headers.get('content-type'),
    events,
    next(predicate: (e: SseEvent) => boolean, timeoutMs = 3000): Promise<SseEvent> {
      const seen = events.find(predicate);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(events)}`)), timeoutMs);
        waiters.push({ predicate, resolve: (e) => (clearTimeout(timer), resolve(e)) });
      });
    },
    close() {
      abort.abort();
    },
  };
}
