import type { LogEntry } from '@platform/sdk';

const MAX_MESSAGE = 1000;
const MAX_DATA_JSON = 1500;
const MAX_STACK = 1500;
/** NOTIFY payloads stay under 8000 bytes; leave room for the envelope. */
export const MAX_CHUNK_BYTES = 7000;

const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}…` : s);

/** A line as the live tail carries it between instances: long messages, data and stacks shortened. */
export function compactForTail(e: LogEntry): LogEntry {
  const json = JSON.stringify(e.data);
  return {
    ...e,
    message: cut(e.message, MAX_MESSAGE),
    data: json.length > MAX_DATA_JSON ? { '…': `data too large for the live tail (${json.length} chars): open the line in the viewer` } : e.data,
    error: e.error ? { ...e.error, message: cut(e.error.message, MAX_MESSAGE), stack: e.error.stack ? cut(e.error.stack, MAX_STACK) : null } : null,
  };
}

/** Splits lines into chunks whose JSON stays under `maxBytes`; a line too large even alone loses data and stack. */
export function chunkLines(lines: LogEntry[], maxBytes = MAX_CHUNK_BYTES): LogEntry[][] {
  const chunks: LogEntry[][] = [];
  let current: LogEntry[] = [];
  let size = 2;
  for (let line of lines) {
    let bytes = Buffer.byteLength(JSON.stringify(line)) + 1;
    if (bytes > maxBytes) {
      line = { ...line, data: {}, error: line.error ? { ...line.error, stack: null } : null, message: cut(line.message, 200) };
      bytes = Buffer.byteLength(JSON.stringify(line)) + 1;
    }
    if (size + bytes > maxBytes && current.length) {
      chunks.push(current);
      current = [];
      size = 2;
    }
    current.push(line);
    size += bytes;
  }
  if (current.length) chunks.push(current);
  return chunks;
}
