import type { FlagEvaluation } from '@platform/sdk/feature-flags';
import { ServerSentEventParser } from './server-sent-events.ts';

/** What the stream sends as `event: flags`. */
export interface FlagStreamPayload {
  version: number;
  flags: Record<string, FlagEvaluation>;
}

export interface FlagStreamHandlers {
  /** Each `flags` event: the caller's whole flag set. */
  onFlags(payload: FlagStreamPayload): void;
  /** The connection broke (network, 5xx); it is retried with backoff. */
  onDrop(error: Error): void;
  /** The server refused the stream (401, 403, 400...); it is not retried. */
  onRefused(error: Error): void;
}

export interface FlagStreamRequest {
  url: string;
  headers: Record<string, string>;
  credentials: RequestCredentials;
  fetch: typeof fetch;
  /** Longest wait between reconnection attempts. */
  maxRetryMs: number;
}

const DEFAULT_RETRY_MS = 1000;

/** A status that will not change by asking again. */
const isRefusal = (status: number) => status >= 400 && status < 500 && status !== 408 && status !== 429;

async function problemMessage(res: Response): Promise<string> {
  const problem = (await res.json().catch(() => null)) as { code?: string; detail?: string } | null;
  return `flag stream: HTTP ${res.status}${problem?.code ? ` ${problem.code}` : ''}${problem?.detail ? `: ${problem.detail}` : ''}`;
}

/**
 * One subscription to `GET /api/feature-flags/stream` over `fetch` (so it can send an Authorization
 * header, which `EventSource` cannot, and runs in browsers and Node alike). It reconnects when the
 * server ends the stream (it does every few minutes) after the server's `retry`, and after failures
 * with exponential backoff up to `maxRetryMs`.
 */
export class FlagStreamConnection {
  private readonly abort = new AbortController();
  private closed = false;
  private wake: (() => void) | null = null;

  constructor(private readonly request: FlagStreamRequest, private readonly handlers: FlagStreamHandlers) {
    void this.run();
  }

  close(): void {
    this.closed = true;
    this.abort.abort();
    this.wake?.();
  }

  private async run(): Promise<void> {
    let retryMs = DEFAULT_RETRY_MS;
    let failures = 0;
    let lastEventId: string | null = null;
    while (!this.closed) {
      try {
        const headers: Record<string, string> = { accept: 'text/event-stream', ...this.request.headers };
        if (lastEventId) headers['last-event-id'] = lastEventId;
        const res = await this.request.fetch(this.request.url, { headers, credentials: this.request.credentials, signal: this.abort.signal, cache: 'no-store' });
        if (!res.ok || !res.body) {
          const message = await problemMessage(res);
          if (isRefusal(res.status)) {
            if (!this.closed) this.handlers.onRefused(new Error(message));
            return;
          }
          throw new Error(message);
        }
        const parser = new ServerSentEventParser();
        const decoder = new TextDecoder();
        const reader = res.body.getReader();
        for (;;) {
          const { value, done } = await reader.read();
          if (done || this.closed) break;
          for (const event of parser.push(decoder.decode(value, { stream: true }))) {
            if (event.id !== null) lastEventId = event.id;
            if (event.event !== 'flags') continue;
            failures = 0;
            this.handlers.onFlags(JSON.parse(event.data) as FlagStreamPayload);
          }
          retryMs = parser.retryMs ?? retryMs;
        }
      } catch (err) {
        if (this.closed) return;
        failures++;
        this.handlers.onDrop(err instanceof Error ? err : new Error(String(err)));
      }
      if (this.closed) return;
      await this.sleep(Math.min(retryMs * 2 ** failures, this.request.maxRetryMs));
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = null;
        resolve();
      }, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
