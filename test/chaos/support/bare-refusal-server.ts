// The cheapest refusal Fastify can make: every request gets the load shedder's 503 + Retry-After + Connection:
// close, with no platform behind it. The overload chaos test measures it at the same load, in the same run, to
// know what this machine allows right now. Sends `{ url }` to its parent.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.addHook('onRequest', (_req, reply) => {
  reply.code(503).header('retry-after', '1').header('content-type', 'application/problem+json; charset=utf-8').header('connection', 'close').send('{"status":503,"code":"overloaded"}');
});
app.all('/*', async () => ({}));
const url = await app.listen({ port: 0, host: '127.0.0.1' });
process.send?.({ url });
