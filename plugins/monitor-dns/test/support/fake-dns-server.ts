import dgram from 'node:dgram';
import type { AddressInfo } from 'node:net';

const TYPES: Record<number, string> = { 1: 'A', 16: 'TXT', 28: 'AAAA', 15: 'MX', 5: 'CNAME', 2: 'NS' };

/** Encodes a record's RDATA (A and TXT are enough for these tests). */
function rdata(type: string, value: string): Buffer {
  if (type === 'A') return Buffer.from(value.split('.').map(Number));
  if (type === 'TXT') return Buffer.concat([Buffer.from([Buffer.byteLength(value)]), Buffer.from(value)]);
  throw new Error(`fake DNS cannot encode ${type}`);
}

/**
 * A UDP DNS server on 127.0.0.1 answering from a zone map (`name -> type -> values`); unknown names get
 * NXDOMAIN, names listed in `silent` get no answer at all, and names in `slow` are answered after that many ms.
 */
export async function startFakeDnsServer(zone: Record<string, Record<string, string[]>>, silent: string[] = [], slow: Record<string, number> = {}): Promise<{ address: string; queries: string[]; close(): Promise<void> }> {
  const socket = dgram.createSocket('udp4');
  const queries: string[] = [];
  socket.on('message', (msg, rinfo) => {
    let at = 12;
    const labels: string[] = [];
    while (msg[at] !== 0) {
      labels.push(msg.toString('utf8', at + 1, at + 1 + msg[at]));
      at += msg[at] + 1;
    }
    at += 1;
    const qtype = TYPES[msg.readUInt16BE(at)] ?? String(msg.readUInt16BE(at));
    const name = labels.join('.').toLowerCase();
    queries.push(`${qtype} ${name}`);
    if (silent.includes(name)) return;
    const question = msg.subarray(12, at + 4);
    const values = zone[name]?.[qtype] ?? [];
    const header = Buffer.alloc(12);
    msg.copy(header, 0, 0, 2);
    header.writeUInt16BE(zone[name] ? 0x8180 : 0x8183, 2);
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(values.length, 6);
    const answers = values.map((v) => {
      const data = rdata(qtype, v);
      const rr = Buffer.alloc(12);
      rr.writeUInt16BE(0xc00c, 0);
      rr.writeUInt16BE(msg.readUInt16BE(at), 2);
      rr.writeUInt16BE(1, 4);
      rr.writeUInt32BE(60, 6);
      rr.writeUInt16BE(data.length, 10);
      return Buffer.concat([rr, data]);
    });
    const reply = Buffer.concat([header, question, ...answers]);
    const send = () => socket.send(reply, rinfo.port, rinfo.address);
    if (slow[name]) setTimeout(send, slow[name]);
    else send();
  });
  await new Promise<void>((r) => socket.bind(0, '127.0.0.1', r));
  const { port } = socket.address() as AddressInfo;
  return { address: `127.0.0.1:${port}`, queries, close: () => new Promise((r) => socket.close(() => r())) };
}
