// Child process: every external API the benchmark's monitors call, answering each with its real shape,
// plus a TCP port and a UDP DNS resolver. Runs apart from the kernel so that it gets its own core.
import { createServer } from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { startFakeDnsServer } from '../../plugins/monitor-dns/test/support/fake-dns-server.ts';

const json = (body: unknown) => JSON.stringify(body);

/** Path prefix -> response body; `null` marks POST JSON-RPC (MCP). */
function answer(method: string, path: string, body: string): { status: number; body: string } {
  const p = path.split('?')[0];
  if (p === '/v1/balance') return { status: 200, body: json({ object: 'balance', available: [{ amount: 1000, currency: 'usd' }], pending: [], livemode: false }) };
  if (p.startsWith('/2010-04-01/Accounts/')) return { status: 200, body: json({ sid: p.split('/')[3].replace('.json', ''), friendly_name: 'Bench', status: 'active', type: 'Full' }) };
  if (p === '/domains') return { status: 200, body: json({ object: 'list', data: [{ id: 'd1', name: 'mail.bench.test', status: 'verified', region: 'us-east-1' }] }) };
  if (p === '/api/auth.test') return { status: 200, body: json({ ok: true, team: 'Bench', user: 'bot', team_id: 'T1', user_id: 'U1' }) };
  if (p === '/v2/profiles') return { status: 200, body: json([{ id: 1, type: 'BUSINESS' }]) };
  if (p === '/video/v1/assets') return { status: 200, body: json({ data: [] }) };
  if (p === '/v2/transcript') return { status: 200, body: json({ page_details: { limit: 1, result_count: 0 }, transcripts: [] }) };
  if (p === '/oauth/token') return { status: 200, body: json({ access_token: 'utoken-bench', token_type: 'bearer' }) };
  if (/^\/v1\/apps\/[^/]+\/reviews$/.test(p)) return { status: 200, body: json({ reviews: [] }) };
  if (p === '/v2/user') return { status: 200, body: json({ user: { id: 'u1', username: 'bench' } }) };
  if (p === '/v1/events') return { status: 200, body: json({ data: [], metadata: {} }) };
  if (p === '/healthz') return { status: 200, body: json({ status: 'ok' }) };
  if (/^\/admin\/api\/[\d-]+\/shop\.json$/.test(p)) return { status: 200, body: json({ shop: { id: 1, name: 'Bench shop', plan_name: 'basic' } }) };
  if (/^\/v21\.0\/act_\d+$/.test(p)) return { status: 200, body: json({ id: `act_${p.split('_')[1]}`, name: 'Bench ads', account_status: 1, currency: 'USD' }) };
  if (p === '/token') return { status: 200, body: json({ access_token: 'ya29.bench', expires_in: 3599, token_type: 'Bearer' }) };
  if (/^\/v18\/customers\/\d+\/googleAds:search$/.test(p)) return { status: 200, body: json({ results: [{ customer: { id: '1', descriptiveName: 'Bench', status: 'ENABLED' } }] }) };
  if (p === '/mcp' && method === 'POST') {
    const msg = JSON.parse(body || '{}');
    if (msg.id === undefined) return { status: 202, body: '' };
    const result = msg.method === 'initialize' ? { protocolVersion: '2025-03-26', capabilities: {}, serverInfo: { name: 'bench-mcp', version: '1.0.0' } } : {};
    return { status: 200, body: json({ jsonrpc: '2.0', id: msg.id, result }) };
  }
  return { status: 404, body: json({ error: { message: `no fake for ${method} ${p}` } }) };
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const a = answer(req.method ?? 'GET', req.url ?? '/', Buffer.concat(chunks).toString());
    res.writeHead(a.status, { 'content-type': 'application/json' });
    res.end(a.body);
  });
});
server.keepAliveTimeout = 60_000;
server.on('connection', (socket) => socket.on('error', () => undefined));
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));

const tcp = net.createServer((s) => {
  s.on('error', () => undefined); // the TCP monitor hangs up as soon as it has read the banner
  s.end('SSH-2.0-bench\r\n');
});
await new Promise<void>((r) => tcp.listen(0, '127.0.0.1', r));

const dns = await startFakeDnsServer({ 'api.bench.test': { A: ['203.0.113.10'] } });

process.send!({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, tcpPort: (tcp.address() as AddressInfo).port, dns: dns.address });
process.on('message', (m) => {
  if (m === 'stop') process.exit(0);
  if (m === 'cpu') process.send!({ cpuMs: (process.cpuUsage().user + process.cpuUsage().system) / 1000 });
});
