import { CheckFailure, describeCheckFailure, truncate, type CheckResponse, type MonitorCheckContext } from '@platform/sdk/monitors';

export interface JsonRpcResponse {
  jsonrpc: '2.0';
  id?: number | string | null;
  result?: any;
  error?: { code: number; message: string };
}

/** The JSON-RPC messages in a `text/event-stream` body (`data:` lines of each event). */
export function messagesFromEventStream(text: string): unknown[] {
  const out: unknown[] = [];
  for (const block of text.split(/\r?\n\r?\n/)) {
    const data = block
      .split(/\r?\n/)
      .filter((l) => l.startsWith('data:'))
      .map((l) => l.slice(5).replace(/^ /, ''))
      .join('\n');
    if (!data) continue;
    try {
      out.push(JSON.parse(data));
    } catch {
      /* not JSON: ignore the event */
    }
  }
  return out;
}

/**
 * One JSON-RPC exchange over MCP's Streamable HTTP transport: POST, answered either as
 * `application/json` or as an SSE stream carrying the response. Notifications (no id) expect 202.
 */
export async function postJsonRpc(
  ctx: MonitorCheckContext<any>,
  url: string,
  message: { method: string; id?: number; params?: unknown },
  headers: Record<string, string>,
): Promise<{ response: JsonRpcResponse | null; sessionId: string | null }> {
  let res: CheckResponse;
  let text: string;
  try {
    res = await ctx.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
      body: JSON.stringify({ jsonrpc: '2.0', ...message }),
    });
    text = await res.text();
  } catch (err) {
    throw new CheckFailure(`${message.method}: ${describeCheckFailure(err, ctx.signal, ctx.timeoutMs)}`);
  }
  const sessionId = res.headers.get('mcp-session-id');
  if (message.id === undefined) {
    if (res.status >= 400) throw new CheckFailure(`${message.method}: HTTP ${res.status}`);
    return { response: null, sessionId };
  }
  if (res.status >= 400) throw new CheckFailure(`${message.method}: HTTP ${res.status}${text ? ` ${truncate(text, 120)}` : ''}`, { status: res.status === 429 ? 'degraded' : 'unhealthy' });
  const type = res.headers.get('content-type') ?? '';
  let candidates: unknown[];
  if (type.includes('text/event-stream')) candidates = messagesFromEventStream(text);
  else {
    try {
      const parsed = JSON.parse(text);
      candidates = Array.isArray(parsed) ? parsed : [parsed];
    } catch {
      throw new CheckFailure(`${message.method}: invalid JSON`);
    }
  }
  const response = candidates.find((m): m is JsonRpcResponse => !!m && typeof m === 'object' && (m as JsonRpcResponse).id === message.id);
  if (!response) throw new CheckFailure(`${message.method}: no JSON-RPC response with id ${message.id}`);
  if (response.error) throw new CheckFailure(`${message.method}: JSON-RPC error ${response.error.code}: ${truncate(String(response.error.message), 120)}`);
  return { response, sessionId };
}
