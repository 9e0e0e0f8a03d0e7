import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definePlugin } from '@platform/sdk';
import { createTestKernel, type TestKernel } from '@platform/sdk/testing';

/** A route declared `rawBody: true` gets the exact bytes (any content type); the plugin's other routes still parse JSON. */
describe('raw-body routes', () => {
  let t: TestKernel;
  const plugin = definePlugin({
    name: 'raw-echo',
    version: '1.0.0',
    kernel: '^0.1.0',
    boot(ctx) {
      ctx.routes.add({
        method: 'POST',
        url: '/hook',
        public: true,
        rawBody: true,
        bodyLimit: 64,
        handler: (req) => ({ isBuffer: Buffer.isBuffer(req.body), hex: Buffer.isBuffer(req.body) ? req.body.toString('hex') : null }),
      });
      ctx.routes.add({ method: 'POST', url: '/parsed', public: true, handler: (req) => ({ body: req.body }) });
    },
  });

  beforeAll(async () => {
    t = await createTestKernel({ plugins: [plugin] });
  });
  afterAll(async () => t?.close());

  const hook = (payload: string | Buffer, contentType?: string) =>
    t.kernel.app.inject({ method: 'POST', url: '/api/raw-echo/hook', payload, headers: contentType ? { 'content-type': contentType } : {} });

  it('hands over the bytes as received, whatever the content type', async () => {
    for (const [body, type] of [['{"a": 1 }', 'application/json'], ['a=1&b=%20', 'application/x-www-form-urlencoded'], ['plain \u0000 text', 'text/plain'], ['{not json', 'application/json']] as const) {
      const res = await hook(body, type);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ isBuffer: true, hex: Buffer.from(body).toString('hex') });
    }
  });

  it('keeps the body limit', async () => {
    expect((await hook('x'.repeat(65), 'text/plain')).statusCode).toBe(413);
  });

  it("leaves the plugin's other routes parsing JSON", async () => {
    const res = await t.kernel.app.inject({ method: 'POST', url: '/api/raw-echo/parsed', payload: { a: 1 } });
    expect(res.json()).toEqual({ body: { a: 1 } });
  });
});
