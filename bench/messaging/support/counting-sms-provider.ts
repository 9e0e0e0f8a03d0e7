import { startFakeHttpServer, type FakeHttpServer } from '@platform/sdk/testing';

/**
 * The local fake SMS provider of bench/messaging (what `test/chaos/support/chaos-sms-provider-plugin.ts` speaks:
 * `POST /sms` with `to`, `body` and an `Idempotency-Key` header). It honours idempotency keys as Stripe-style
 * APIs do: a repeated key gets the first answer back and sends nothing. It counts what arrived per key and per
 * recipient, and when each recipient's first request arrived.
 */
export interface CountingSmsProvider {
  url: string;
  /** Requests that arrived (a repeated key included). */
  requests(): number;
  /** Messages it sent: distinct idempotency keys. */
  sent(): number;
  /** Requests that repeated a key it had already accepted (deduplicated, not sent again). */
  repeatedKeys(): number;
  /** Distinct keys (messages sent) per recipient. */
  sentPerRecipient(): Map<string, number>;
  /** performance.now() when each recipient's first request arrived. */
  firstArrival(): Map<string, number>;
  reset(): void;
  close(): Promise<void>;
}

export async function startCountingSmsProvider(): Promise<CountingSmsProvider> {
  let keys = new Map<string, { id: string; to: string }>();
  let requests = 0;
  let repeated = 0;
  let arrival = new Map<string, number>();
  // Ids stay unique across resets: the platform keeps (configuration, provider id) unique.
  let nextId = 0;
  const server: FakeHttpServer = await startFakeHttpServer((req, res) => {
    const at = performance.now();
    requests += 1;
    const { to } = req.json<{ to: string }>();
    if (!arrival.has(to)) arrival.set(to, at);
    const key = String(req.headers['idempotency-key'] ?? `none-${requests}`);
    let entry = keys.get(key);
    if (entry) repeated += 1;
    else keys.set(key, (entry = { id: `sms_${++nextId}`, to }));
    res.statusCode = 201;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ id: entry.id }));
  });
  // The recorded requests would only grow: the counters above are what the bench reads.
  const drop = () => server.requests.splice(0);
  const timer = setInterval(drop, 1000);
  timer.unref();
  return {
    url: server.url,
    requests: () => requests,
    sent: () => keys.size,
    repeatedKeys: () => repeated,
    sentPerRecipient: () => {
      const per = new Map<string, number>();
      for (const { to } of keys.values()) per.set(to, (per.get(to) ?? 0) + 1);
      return per;
    },
    firstArrival: () => arrival,
    reset: () => {
      keys = new Map();
      arrival = new Map();
      requests = 0;
      repeated = 0;
      drop();
    },
    close: () => {
      clearInterval(timer);
      return server.close();
    },
  };
}

/** 10,000 distinct valid E.164 numbers: +1 415 555 0000 to 9999. */
export const benchPhone = (i: number): string => `+1415555${String(i % 10_000).padStart(4, '0')}`;
