import { useEffect, useRef, useState } from 'react';
import type { LogLine } from './logging-api.ts';

const KEEP = 500;

/**
 * Reads `/api/logging/stream` (server-sent events) while `enabled`, with fetch so it can send the staff
 * tenant header; newest lines first, at most 500 kept. Reconnects after a drop.
 */
export function useLiveTail(query: string, headers: Record<string, string>, enabled: boolean) {
  const [lines, setLines] = useState<LogLine[]>([]);
  const [skipped, setSkipped] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [connected, setConnected] = useState(false);
  const headerKey = JSON.stringify(headers);
  const headersRef = useRef(headers);
  headersRef.current = headers;

  useEffect(() => {
    if (!enabled) return;
    setLines([]);
    setSkipped(0);
    const abort = new AbortController();
    let retry: ReturnType<typeof setTimeout> | null = null;
    const connect = async () => {
      try {
        const res = await fetch(`/api/logging/stream?${query}`, { headers: { Accept: 'text/event-stream', ...headersRef.current }, credentials: 'include', signal: abort.signal });
        if (!res.ok || !res.body) {
          const body = await res.json().catch(() => null);
          setError(body?.detail ?? `Live tail refused (${res.status})`);
          return;
        }
        setError(null);
        setConnected(true);
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (!/^event: logs$/m.test(block)) continue;
            const data = /^data: (.*)$/m.exec(block)?.[1];
            if (!data) continue;
            const msg = JSON.parse(data) as { lines: LogLine[]; skipped: number };
            if (msg.skipped) setSkipped((s) => s + msg.skipped);
            if (msg.lines.length) setLines((prev) => [...[...msg.lines].reverse(), ...prev].slice(0, KEEP));
          }
        }
      } catch (err) {
        if (abort.signal.aborted) return;
        setError((err as Error).message);
      }
      setConnected(false);
      if (!abort.signal.aborted) retry = setTimeout(() => void connect(), 2000);
    };
    void connect();
    return () => {
      abort.abort();
      if (retry) clearTimeout(retry);
      setConnected(false);
    };
  }, [query, headerKey, enabled]);

  return { lines, skipped, error, connected };
}
