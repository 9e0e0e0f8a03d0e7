// The cheapest refusal Node can make: every request gets the load shedder's 503 + Retry-After from a bare
// `http` server, with no platform and no framework behind it. The overload chaos test measures it at the same
// load, in the same run, to know what this machine allows right now. Sends `{ url }` to its parent.
import { createServer } from 'node:http';

const body = '{"status":503,"code":"overloaded"}';
const server = createServer((_req, res) => {
  res.writeHead(503, { 'retry-after': '1', 'content-type': 'application/problem+json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
});
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as { port: number };
  process.send?.({ url: `http://127.0.0.1:${port}` });
});
