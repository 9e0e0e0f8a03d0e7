import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { expect, it } from 'vitest';
import { BlobNotFoundError, type BlobStore } from '@platform/sdk/storage';

export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** `count` chunks of `chunkSize` pseudo-random bytes, produced lazily (never held whole), with their SHA-256. */
export function generatedStream(count: number, chunkSize: number, seed = 'seed'): { stream: Readable; sha256: () => string } {
  const hash = createHash('sha256');
  let i = 0;
  const stream = new Readable({
    read() {
      if (i === count) return void this.push(null);
      const chunk = createHash('sha512').update(`${seed}:${i++}`).digest();
      const block = Buffer.alloc(chunkSize);
      for (let o = 0; o < chunkSize; o += chunk.length) chunk.copy(block, o);
      hash.update(block);
      this.push(block);
    },
  });
  return { stream, sha256: () => hash.digest('hex') };
}

/** What every BlobStore adapter must do, run against each of them. */
export function blobStoreContract(store: () => BlobStore, opts: { largeBytes: number }): void {
  it('stores a buffer, reads it back, reports it in head and list, deletes it', async () => {
    const s = store();
    const body = randomBytes(1000);
    expect(await s.put('contract/one/a.bin', body, { contentType: 'application/octet-stream' })).toEqual({ size: 1000 });
    expect((await readAll(await s.get('contract/one/a.bin'))).equals(body)).toBe(true);
    const head = await s.head('contract/one/a.bin');
    expect(head).toMatchObject({ key: 'contract/one/a.bin', size: 1000 });
    expect(Number.isNaN(Date.parse(head!.modifiedAt))).toBe(false);
    expect((await s.list('contract/one/')).map((b) => b.key)).toEqual(['contract/one/a.bin']);
    await s.delete('contract/one/a.bin');
    expect(await s.head('contract/one/a.bin')).toBeNull();
    expect(await s.list('contract/one/')).toEqual([]);
  });

  it('streams a large body in and out without changing a byte', async () => {
    const s = store();
    const chunk = 64 * 1024;
    const source = generatedStream(Math.ceil(opts.largeBytes / chunk), chunk);
    const { size } = await s.put('contract/large/blob.bin', source.stream);
    expect(size).toBe(Math.ceil(opts.largeBytes / chunk) * chunk);
    const back = createHash('sha256');
    let read = 0;
    for await (const part of await s.get('contract/large/blob.bin')) {
      back.update(part as Buffer);
      read += (part as Buffer).length;
    }
    expect(read).toBe(size);
    expect(back.digest('hex')).toBe(source.sha256());
    await s.delete('contract/large/blob.bin');
  });

  it('replaces a blob whole', async () => {
    const s = store();
    await s.put('contract/replace/x', Buffer.from('first version, longer'));
    await s.put('contract/replace/x', Readable.from([Buffer.from('second')]));
    expect((await readAll(await s.get('contract/replace/x'))).toString()).toBe('second');
    await s.delete('contract/replace/x');
  });

  it('keeps the previous blob when a streamed write fails midway', async () => {
    const s = store();
    await s.put('contract/failed/x', Buffer.from('intact'));
    let sent = 0;
    const failing = new Readable({
      read() {
        if (sent++ < 3) this.push(randomBytes(1024));
        else this.destroy(new Error('source broke'));
      },
    });
    await expect(s.put('contract/failed/x', failing)).rejects.toThrow(/source broke/);
    expect((await readAll(await s.get('contract/failed/x'))).toString()).toBe('intact');
    expect((await s.list('contract/failed/')).map((b) => b.key)).toEqual(['contract/failed/x']);
    await s.delete('contract/failed/x');
  });

  it('lists by prefix, in key order, across folders and within a name', async () => {
    const s = store();
    for (const key of ['contract/list/b/2', 'contract/list/a/1', 'contract/list/a/10', 'contract/list/ab', 'contract/listed']) await s.put(key, Buffer.from(key));
    expect((await s.list('contract/list/')).map((b) => b.key)).toEqual(['contract/list/a/1', 'contract/list/a/10', 'contract/list/ab', 'contract/list/b/2']);
    expect((await s.list('contract/list/a')).map((b) => b.key)).toEqual(['contract/list/a/1', 'contract/list/a/10', 'contract/list/ab']);
    expect((await s.list('contract/list')).map((b) => b.key)).toContain('contract/listed');
    expect(await s.list('contract/none/')).toEqual([]);
    for (const key of ['contract/list/b/2', 'contract/list/a/1', 'contract/list/a/10', 'contract/list/ab', 'contract/listed']) await s.delete(key);
  });

  it('rejects a missing blob with BlobNotFoundError, and deleting one is a no-op', async () => {
    const s = store();
    await expect(s.get('contract/missing')).rejects.toBeInstanceOf(BlobNotFoundError);
    expect(await s.head('contract/missing')).toBeNull();
    await expect(s.delete('contract/missing')).resolves.toBeUndefined();
  });

  it('refuses keys that could leave its root or are not plain paths', async () => {
    const s = store();
    for (const key of ['../escape', 'a/../../b', '/abs', 'a//b', 'a/./b', '.hidden', 'a/.tmp', 'nul\0byte', 'back\\slash', '', 'x'.repeat(1025)]) {
      await expect(s.put(key, Buffer.from('x')), key).rejects.toMatchObject({ status: 400, code: 'invalid_blob_key' });
      await expect(s.get(key), key).rejects.toMatchObject({ status: 400, code: 'invalid_blob_key' });
    }
    await expect(s.list('../')).rejects.toMatchObject({ status: 400, code: 'invalid_blob_key' });
  });
}
