// Peer: a bare Fastify hello-world, measured in the same run as the kernel.
import Fastify from 'fastify';
import { answerBenchControl } from './server-control.ts';

const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));
const url = await app.listen({ port: 0, host: '127.0.0.1' });
process.send?.({ url });
answerBenchControl(() => app.close());
