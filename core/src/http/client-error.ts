import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';

/**
 * Answers what Node's HTTP parser refuses before Fastify sees a request (a URL or headers over the size limit,
 * a malformed request line, a request that took too long) with a problem+json body and `Connection: close`,
 * then closes the connection: the parser's state is lost, so the connection cannot carry another request, and
 * the header tells the client so instead of leaving it to find a reset socket.
 */
export function answerClientError(err: NodeJS.ErrnoException & { code?: string }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, detail] =
    err.code === 'HPE_HEADER_OVERFLOW' ? [431, 'headers_too_large', 'The URL or the request headers exceed the size limit'] as const
    : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? [408, 'request_timeout', 'The request was not received in time'] as const
    : [400, 'malformed_request', 'The request could not be parsed as HTTP'] as const;
  const body = JSON.stringify({ type: `https://platform.dev/problems/${code}`, title: STATUS_CODES[status], status, code, detail });
  if (socket.writable) {
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    // A client that never reads the answer must not hold the socket open.
    setTimeout(() => socket.destroy(), 1000).unref();
  } else {
    socket.destroy();
  }
}
