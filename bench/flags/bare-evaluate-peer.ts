// Like-for-like peer for the evaluate bench: bare Fastify answering a POST with a JSON body by the same
// answer (FLAGS_PEER_BODY, the evaluate endpoint's own ~2 KB body) and the same headers, nothing else: no
// authentication, evaluation, hooks or logging. The hello-world peer is the target's reference; this one
// shows what a POST with a body and a 2 KB answer costs Fastify and Node alone.
import Fastify from 'fastify';

const body = process.env.FLAGS_PEER_BODY ?? '{}';
const etag = process.env.FLAGS_PEER_ETAG ?? 'W/"peer"';
const app = Fastify({ logger: false });
app.post('/api/feature-flags/evaluate', (_req, reply) => {
  reply.header('ETag', etag).header('Cache-Control', 'private, no-cache').header('Vary', 'Authorization, Cookie, X-Tenant-Id').type('application/json; charset=utf-8').send(body);
});
const url = await app.listen({ port: 0, host: '127.0.0.1' });
process.send?.({ url });
process.on('message', (m) => {
  if (m === 'cpu') {
    const u = process.cpuUsage();
    process.send?.({ cpu: u.user + u.system });
  }
});
