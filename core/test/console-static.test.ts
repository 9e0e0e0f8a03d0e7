import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { createHttpApp } from '../src/http/app.ts';
import { RouteTable } from '../src/http/route-registrar.ts';
import { consoleCacheControl, IMMUTABLE, REVALIDATE } from '../src/http/console-cache-control.ts';

/**
 * The built console as the kernel serves it: the precompressed copy the client accepts (br over gzip), with
 * `Vary: Accept-Encoding`; hashed assets cached for a year, index.html and the rest revalidated (304).
 */
describe('console static files', () => {
  let dir: string;
  let app: FastifyInstance;
  const bundle = `export const console = ${JSON.stringify('x'.repeat(50) + ' platform console '.repeat(400))};\n`;
  const index = `<!doctype html><html><head><title>Platform</title></head><body><div id="root"></div>${'<!-- padding -->'.repeat(100)}<script type="module" src="/assets/index-Abc123.js"></script></body></html>`;
  const write = (file: string, content: string, compressed: boolean) => {
    writeFileSync(join(dir, file), content);
    if (!compressed) return;
    writeFileSync(join(dir, `${file}.br`), brotliCompressSync(content));
    writeFileSync(join(dir, `${file}.gz`), gzipSync(content));
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'console-static-'));
    mkdirSync(join(dir, 'assets'));
    write('index.html', index, true);
    write('assets/index-Abc123.js', bundle, true);
    write('assets/tiny-Def456.js', 'export {};\n', false);
    write('favicon.svg', '<svg xmlns="http://www.w3.org/2000/svg"/>', false);
    app = await createHttpApp({ logLevel: 'silent', kernelVersion: 'test', routeTable: new RouteTable(), consoleDir: dir });
    await app.ready();
  });

  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });

  it('sends the brotli copy to a browser that accepts br, with Vary and a year-long immutable cache', async () => {
    const res = await get('/assets/index-Abc123.js', { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/^text\/javascript|^application\/javascript/);
    expect(String(res.headers.vary).toLowerCase()).toContain('accept-encoding');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(res.rawPayload).toString()).toBe(bundle);
    expect(res.rawPayload.length).toBeLessThan(bundle.length / 5);
  });

  it('sends gzip when br is not accepted (or refused with q=0), the plain file when nothing is', async () => {
    const gz = await get('/assets/index-Abc123.js', { 'accept-encoding': 'gzip, deflate' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(bundle);
    const refused = await get('/assets/index-Abc123.js', { 'accept-encoding': 'br;q=0, gzip' });
    expect(refused.headers['content-encoding']).toBe('gzip');
    const plain = await get('/assets/index-Abc123.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(bundle);
    // A shared cache must not hand the plain answer to a browser that takes br, or the other way round.
    expect(String(plain.headers.vary).toLowerCase()).toContain('accept-encoding');
    expect(plain.headers['cache-control']).toBe(IMMUTABLE);
  });

  it('falls back to the plain file when no compressed copy was written', async () => {
    const res = await get('/assets/tiny-Def456.js', { 'accept-encoding': 'br, gzip' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body).toBe('export {};\n');
  });

  it('serves index.html at / and for client-side routes with no-cache, compressed', async () => {
    for (const url of ['/', '/incidents/12/show', '/login?next=1']) {
      const res = await get(url, { 'accept-encoding': 'br' });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toMatch(/^text\/html/);
      expect(res.headers['content-encoding'], url).toBe('br');
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(brotliDecompressSync(res.rawPayload).toString(), url).toBe(index);
    }
  });

  it('revalidates: 304 for an unchanged file, with its cache headers, per encoding', async () => {
    const br = await get('/assets/index-Abc123.js', { 'accept-encoding': 'br' });
    const gz = await get('/assets/index-Abc123.js', { 'accept-encoding': 'gzip' });
    expect(br.headers.etag).toBeTruthy();
    expect(br.headers.etag).not.toBe(gz.headers.etag);
    const again = await get('/assets/index-Abc123.js', { 'accept-encoding': 'br', 'if-none-match': String(br.headers.etag) });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);
    expect(again.headers['cache-control']).toBe(IMMUTABLE);
    const html = await get('/', { 'accept-encoding': 'gzip' });
    const html304 = await get('/', { 'accept-encoding': 'gzip', 'if-none-match': String(html.headers.etag) });
    expect(html304.statusCode).toBe(304);
    expect(html304.headers['cache-control']).toBe(REVALIDATE);
    // The br copy's validator does not revalidate the gzip copy.
    const cross = await get('/assets/index-Abc123.js', { 'accept-encoding': 'gzip', 'if-none-match': String(br.headers.etag) });
    expect(cross.statusCode).toBe(200);
    expect(cross.headers['content-encoding']).toBe('gzip');
  });

  it('does not serve the compressed copies as URLs of their own, nor cache a missing asset', async () => {
    const copy = await get('/assets/index-Abc123.js.br');
    expect(copy.statusCode).toBe(404);
    const missing = await get('/assets/index-Gone99.js', { 'accept-encoding': 'br' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(missing.headers['cache-control']).not.toBe(IMMUTABLE);
  });

  it('revalidates files outside assets/ (not hashed)', async () => {
    const res = await get('/favicon.svg', { 'accept-encoding': 'br' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe(REVALIDATE);
  });

  it('consoleCacheControl: only files under assets/ are immutable', () => {
    expect(consoleCacheControl('/srv/dist', '/srv/dist/assets/x-1.js.br')).toBe(IMMUTABLE);
    expect(consoleCacheControl('/srv/dist', '/srv/dist/index.html')).toBe(REVALIDATE);
    expect(consoleCacheControl('/srv/dist', '/srv/dist/assets')).toBe(REVALIDATE);
    expect(consoleCacheControl('/srv/dist', '/srv/dist/assets-old/x.js')).toBe(REVALIDATE);
  });
});
