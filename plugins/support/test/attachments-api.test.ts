import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definePlugin } from '@platform/sdk';
import { BLOB_STORE, type BlobStore } from '@platform/sdk/storage';
import { createSupportKernel, openTicket, type SupportKernel } from './support/support-kernel.ts';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR fake image body')]);
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64, 0x90)]);

describe('support attachments', () => {
  let k: SupportKernel;
  /** The storage plugin's store, as any plugin sees it. */
  const blobs: { store: BlobStore } = { store: null as unknown as BlobStore };
  const blobPeek = definePlugin({ name: 'blob-peek', version: '0.0.0', kernel: '^0.1.0', boot: (ctx) => void (blobs.store = ctx.resolve<BlobStore>(BLOB_STORE)) });
  let ticketA: any;
  let ticketB: any;
  const upload = (client: SupportKernel['memberA'], prefix: string, ticketId: string, filename: string, body: Buffer, contentType = 'application/octet-stream') =>
    client.inject({ method: 'POST', url: `/api/support/${prefix}/${ticketId}/attachments?filename=${encodeURIComponent(filename)}`, payload: body, headers: { 'content-type': contentType } });

  beforeAll(async () => {
    k = await createSupportKernel([blobPeek]);
    ticketA = await openTicket(k.memberA);
    ticketB = await openTicket(k.adminB);
  });
  afterAll(async () => {
    await k?.t.close();
  });

  it('stores a file with its sniffed type (not the one the client sent) and serves it as an attachment', async () => {
    const res = await upload(k.memberA, 'tickets', ticketA.id, 'screen shot é.png', PNG, 'text/html');
    expect(res.statusCode, res.body).toBe(201);
    const attachment = res.json();
    expect(attachment).toMatchObject({ ticketId: ticketA.id, filename: 'screen shot é.png', contentType: 'image/png', size: PNG.length, uploadedByKind: 'tenant' });
    const stored = await blobs.store.list(`support/${ticketA.tenantId}/${ticketA.id}/`);
    expect(stored.map((b) => b.key)).toEqual([`support/${ticketA.tenantId}/${ticketA.id}/${attachment.id}`]);

    const down = await k.memberA.inject(`/api/support/tickets/${ticketA.id}/attachments/${attachment.id}`);
    expect(down.statusCode).toBe(200);
    expect(down.headers['content-type']).toBe('image/png');
    expect(down.headers['content-disposition']).toBe(`attachment; filename="screen shot _.png"; filename*=UTF-8''screen%20shot%20%C3%A9.png`);
    expect(down.headers['x-content-type-options']).toBe('nosniff');
    expect(down.rawPayload.equals(PNG)).toBe(true);
    // Staff download it from the queue; it is listed on the ticket on both sides.
    expect((await k.agent.inject(`/api/support/queue/${ticketA.id}/attachments/${attachment.id}`)).rawPayload.equals(PNG)).toBe(true);
    expect((await k.memberA.inject(`/api/support/tickets/${ticketA.id}`)).json().attachments.map((a: any) => a.id)).toEqual([attachment.id]);
  });

  it('refuses a file whose extension lies about its content, and stores nothing', async () => {
    const before = (await blobs.store.list('support/')).length;
    const lyingPdf = await upload(k.memberA, 'tickets', ticketA.id, 'photo.png', PDF, 'image/png');
    expect(lyingPdf.statusCode).toBe(415);
    expect(lyingPdf.json()).toMatchObject({ code: 'attachment_type_mismatch', field: 'filename' });
    const lyingExe = await upload(k.memberA, 'tickets', ticketA.id, 'invoice.pdf', EXE, 'application/pdf');
    expect(lyingExe.statusCode).toBe(415);
    expect(lyingExe.json()).toMatchObject({ code: 'attachment_type_not_allowed', field: 'file' });
    const exe = await upload(k.memberA, 'tickets', ticketA.id, 'setup.exe', EXE);
    expect(exe.json()).toMatchObject({ code: 'attachment_type_not_allowed', field: 'filename' });
    expect((await blobs.store.list('support/')).length).toBe(before);
    const [{ n }] = await k.t.sql<{ n: number }>('SELECT count(*)::int AS n FROM support_attachments WHERE ticket_id = $1', [ticketA.id]);
    expect(n).toBe(1);
  });

  it('streams a large file to storage and checks all of it: the size limit and the text check hold past the first bytes', async () => {
    const before = (await blobs.store.list('support/')).length;
    // 6 MB of text, multi-byte characters cut across chunk boundaries.
    const text = Buffer.from('ligne été ✓ 1234567890\n'.repeat(230_000));
    const big = await upload(k.memberA, 'tickets', ticketA.id, 'big.log', text);
    expect(big.statusCode, big.body).toBe(201);
    expect(big.json()).toMatchObject({ contentType: 'text/plain', size: text.length, sha256: createHash('sha256').update(text).digest('hex') });
    const back = await k.memberA.inject(`/api/support/tickets/${ticketA.id}/attachments/${big.json().id}`);
    expect(back.rawPayload.equals(text)).toBe(true);

    // Text for the first 100 KB, then a NUL byte: refused, nothing stored.
    const lying = Buffer.concat([Buffer.alloc(100_000, 'a'), Buffer.from([0x00]), Buffer.alloc(10, 'a')]);
    const refused = await upload(k.memberA, 'tickets', ticketA.id, 'notes.txt', lying);
    expect(refused.statusCode).toBe(415);
    expect(refused.json()).toMatchObject({ code: 'attachment_type_mismatch', field: 'file' });

    // Over the limit without a Content-Length (sent as a stream): counted while it arrives and refused, nothing stored.
    await k.t.kernel.services.settings.set('support', { maxAttachmentBytes: 50_000 }, null);
    try {
      const chunks = Readable.from([Buffer.alloc(30_000, 'b'), Buffer.alloc(30_000, 'b')]);
      const over = await k.memberA.inject({ method: 'POST', url: `/api/support/tickets/${ticketA.id}/attachments?filename=stream.txt`, payload: chunks, headers: { 'content-type': 'text/plain' } });
      expect(over.statusCode, over.body).toBe(413);
      expect(over.json()).toMatchObject({ code: 'attachment_too_large', field: 'file' });
    } finally {
      await k.t.kernel.services.settings.set('support', { maxAttachmentBytes: 10 * 1024 * 1024 }, null);
    }
    expect((await blobs.store.list('support/')).length).toBe(before + 1);
    const [{ n }] = await k.t.sql<{ n: number }>('SELECT count(*)::int AS n FROM support_attachments WHERE ticket_id = $1', [ticketA.id]);
    expect(n).toBe(2);
  });

  it('enforces the size limit from the settings, and refuses bad names', async () => {
    await k.t.kernel.services.settings.set('support', { maxAttachmentBytes: 100 }, null);
    const big = await upload(k.memberA, 'tickets', ticketA.id, 'notes.txt', Buffer.alloc(101, 'a'));
    expect(big.statusCode).toBe(413);
    expect(big.json()).toMatchObject({ code: 'attachment_too_large', field: 'file' });
    const fits = await upload(k.memberA, 'tickets', ticketA.id, 'notes.txt', Buffer.alloc(100, 'a'));
    expect(fits.statusCode, fits.body).toBe(201);
    expect(fits.json().contentType).toBe('text/plain');
    await k.t.kernel.services.settings.set('support', { maxAttachmentBytes: 10 * 1024 * 1024 }, null);

    expect((await upload(k.memberA, 'tickets', ticketA.id, '../etc/passwd.txt', Buffer.from('x'))).json().field).toBe('filename');
    expect((await upload(k.memberA, 'tickets', ticketA.id, 'empty.txt', Buffer.alloc(0))).json().field).toBe('file');
    const missing = await k.memberA.inject({ method: 'POST', url: `/api/support/tickets/${ticketA.id}/attachments`, payload: PNG, headers: { 'content-type': 'application/octet-stream' } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().field).toContain('filename');
    const nul = await upload(k.memberA, 'tickets', ticketA.id, 'a\u0000.txt', Buffer.from('x'));
    expect(nul.statusCode).toBe(400);
  });

  it('a tenant never reaches another tenant\'s attachments, nor a colleague\'s ticket as a member', async () => {
    const b = (await upload(k.adminB, 'tickets', ticketB.id, 'b.pdf', PDF)).json();
    const a = (await k.memberA.inject(`/api/support/tickets/${ticketA.id}`)).json().attachments[0];
    // A's member: B's ticket id, B's attachment under A's ticket, and the reverse.
    expect((await k.memberA.inject(`/api/support/tickets/${ticketB.id}/attachments/${b.id}`)).statusCode).toBe(404);
    expect((await k.memberA.inject(`/api/support/tickets/${ticketA.id}/attachments/${b.id}`)).statusCode).toBe(404);
    expect((await k.adminB.inject(`/api/support/tickets/${ticketA.id}/attachments/${a.id}`)).statusCode).toBe(404);
    expect((await k.adminB.inject(`/api/support/tickets/${ticketB.id}/attachments/${a.id}`)).statusCode).toBe(404);
    expect((await upload(k.adminB, 'tickets', ticketA.id, 'x.txt', Buffer.from('hello'))).statusCode).toBe(404);
    // A colleague (member, not admin) cannot read or add to another member's ticket.
    expect((await k.otherMemberA.inject(`/api/support/tickets/${ticketA.id}/attachments/${a.id}`)).statusCode).toBe(404);
    expect((await upload(k.otherMemberA, 'tickets', ticketA.id, 'x.txt', Buffer.from('hello'))).statusCode).toBe(404);
    // Tenant users never reach the staff side.
    expect((await k.adminA.inject(`/api/support/queue/${ticketA.id}/attachments/${a.id}`)).statusCode).toBe(403);
    expect((await upload(k.adminA, 'queue', ticketA.id, 'x.txt', Buffer.from('hello'))).statusCode).toBe(403);
  });
});
