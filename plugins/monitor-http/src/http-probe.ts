import http from 'node:http';
import https from 'node:https';
import type { TLSSocket } from 'node:tls';

export interface HttpProbeResult {
  status: number;
  body: string;
  /** `valid_to` of the server certificate (https only). */
  certificateValidTo: Date | null;
  certificateSubject: string | null;
}

const MAX_BODY = 1024 * 1024;

/**
 * One request with node:http(s), because fetch does not expose the peer certificate. Reads at most
 * 1 MiB of body; aborts with the signal.
 */
export function probeHttp(url: URL, opts: { method: string; headers: Record<string, string>; signal: AbortSignal; ca?: string; rejectUnauthorized: boolean }): Promise<HttpProbeResult> {
  const isHttps = url.protocol === 'https:';
  return new Promise((resolve, reject) => {
    const req = (isHttps ? https : http).request(
      url,
      { method: opts.method, headers: { 'user-agent': 'platform-health/1', ...opts.headers }, signal: opts.signal, agent: false, ...(isHttps ? { ca: opts.ca || undefined, rejectUnauthorized: opts.rejectUnauthorized } : {}) },
      (res) => {
        let cert: { valid_to?: string; subject?: { CN?: string } } | null = null;
        if (isHttps) {
          const peer = (res.socket as TLSSocket).getPeerCertificate?.();
          cert = peer && Object.keys(peer).length ? (peer as unknown as { valid_to?: string; subject?: { CN?: string } }) : null;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          if (size < MAX_BODY) chunks.push(c);
          size += c.length;
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8').slice(0, MAX_BODY),
            certificateValidTo: cert?.valid_to ? new Date(cert.valid_to) : null,
            certificateSubject: typeof cert?.subject?.CN === 'string' ? cert.subject.CN : null,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}
