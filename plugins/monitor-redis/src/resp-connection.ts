import net from 'node:net';
import tls from 'node:tls';
import { encodeCommand, parseReply, type RespValue } from './resp-parser.ts';

/** A minimal RESP2 connection over node:net (or node:tls): one command at a time, closed by `close()` or the signal. */
export class RespConnection {
  private buffer = Buffer.alloc(0);
  private waiting: { resolve(v: RespValue): void; reject(e: Error): void } | null = null;
  private failure: Error | null = null;

  private constructor(private readonly socket: net.Socket) {
    socket.on('data', (chunk) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.drain();
    });
    const fail = (err: Error) => {
      this.failure ??= err;
      this.waiting?.reject(err);
      this.waiting = null;
    };
    socket.on('error', fail);
    socket.on('close', () => fail(Object.assign(new Error('connection closed by the server'), { code: 'ECONNRESET' })));
  }

  static open(opts: { host: string; port: number; tls: boolean; signal: AbortSignal; ca?: string }): Promise<RespConnection> {
    return new Promise((resolve, reject) => {
      const socket = opts.tls
        ? tls.connect({ host: opts.host, port: opts.port, servername: opts.host, ca: opts.ca })
        : net.connect({ host: opts.host, port: opts.port });
      const onAbort = () => socket.destroy(opts.signal.reason);
      opts.signal.addEventListener('abort', onAbort, { once: true });
      socket.once(opts.tls ? 'secureConnect' : 'connect', () => resolve(new RespConnection(socket)));
      socket.once('error', reject);
      socket.once('close', () => opts.signal.removeEventListener('abort', onAbort));
    });
  }

  private drain(): void {
    if (!this.waiting) return;
    let parsed;
    try {
      parsed = parseReply(this.buffer);
    } catch (err) {
      this.waiting.reject(err as Error);
      this.waiting = null;
      return;
    }
    if (!parsed) return;
    this.buffer = this.buffer.subarray(parsed.next);
    const w = this.waiting;
    this.waiting = null;
    w.resolve(parsed.value);
  }

  command(...args: string[]): Promise<RespValue> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.socket.write(encodeCommand(args));
      this.drain();
    });
  }

  close(): void {
    this.socket.removeAllListeners('close');
    this.socket.on('error', () => undefined);
    this.socket.end();
    this.socket.destroy();
  }
}
