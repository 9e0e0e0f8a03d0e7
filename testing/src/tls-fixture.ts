import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import https from 'node:https';
import type { AddressInfo } from 'node:net';

/** A PEM certificate and its private key. */
export interface CertificatePair {
  cert: string;
  key: string;
}

/** A self-signed certificate for 127.0.0.1 and localhost, valid for `days` (made with the openssl CLI). */
export function selfSignedCertificate(days: number): CertificatePair {
  const dir = mkdtempSync(join(tmpdir(), 'health-tls-'));
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', String(days),
      '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    ], { stdio: 'ignore' });
    return { cert: readFileSync(join(dir, 'cert.pem'), 'utf8'), key: readFileSync(join(dir, 'key.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface HttpsFakeServer {
  /** `https://127.0.0.1:<port>`, no trailing slash. */
  url: string;
  close(): Promise<void>;
}

/** An HTTPS server on 127.0.0.1:0 answering every request with `body` (JSON by default). */
export async function startHttpsServer(pair: CertificatePair, body = '{"ok":true}', contentType = 'application/json'): Promise<HttpsFakeServer> {
  const server = https.createServer(pair, (_req, res) => {
    res.setHeader('content-type', contentType);
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    close: () => new Promise((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
  };
}
