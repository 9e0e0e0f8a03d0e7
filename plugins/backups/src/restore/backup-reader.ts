import type { Readable } from 'node:stream';
import { ProblemError, type SecretSealer } from '@platform/sdk';
import { BlobNotFoundError, type BlobStore } from '@platform/sdk/storage';
import { deriveKeys, macMatches, manifestMac, unwrapDataKey, type BackupKeys } from '../crypto/backup-keys.ts';
import { DigestingStream } from '../crypto/digesting-stream.ts';
import { ChunkOpener } from '../crypto/sealed-chunks.ts';
import { partDecompressor } from '../format/part-compression.ts';
import { countLines, type RowPiece } from './row-chunks.ts';
import { backupFolder, MANIFEST_NAME, manifestShapeProblem, unsignedManifest, type BackupManifest, type BackupPart } from '../format/backup-manifest.ts';

const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;

/** 422 `backup_corrupt`, naming the part (or `manifest.json`) that fails and why. */
export function corrupt(part: string, detail: string): ProblemError {
  return new ProblemError(422, 'backup_corrupt', `Backup part ${part} fails verification: ${detail}`, { extra: { part } });
}

async function readSmall(stream: Readable, limit: number, what: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      stream.destroy();
      throw corrupt(what, `larger than ${limit} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** An opened backup: its manifest, checked against its MAC, and the keys to read its parts. */
export interface OpenedBackup {
  manifest: BackupManifest;
  keys: BackupKeys;
  folder: string;
}

/**
 * Reads and authenticates a backup's manifest: its shape, the wrapped data key (sealed by this platform's key) and
 * its MAC. Anything off is refused with 422 `backup_corrupt` naming `manifest.json`.
 */
export async function openBackup(blobs: BlobStore, secrets: SecretSealer, tenantId: string, backupId: string): Promise<OpenedBackup> {
  const folder = backupFolder(tenantId, backupId);
  let raw: Buffer;
  try {
    raw = await readSmall(await blobs.get(`${folder}/${MANIFEST_NAME}`), MAX_MANIFEST_BYTES, MANIFEST_NAME);
  } catch (err) {
    if (err instanceof BlobNotFoundError) throw corrupt(MANIFEST_NAME, 'missing from storage');
    throw err;
  }
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(raw.toString('utf8')) as BackupManifest;
  } catch {
    throw corrupt(MANIFEST_NAME, 'not valid JSON');
  }
  const shape = manifestShapeProblem(manifest);
  if (shape) throw corrupt(MANIFEST_NAME, shape);
  if (manifest.backupId !== backupId || manifest.tenant.id !== tenantId) throw corrupt(MANIFEST_NAME, 'belongs to another backup');
  let keys: BackupKeys;
  try {
    keys = deriveKeys(unwrapDataKey(secrets, manifest.encryption.wrappedKey), backupId);
  } catch {
    throw corrupt(MANIFEST_NAME, 'its data key cannot be opened with this platform key');
  }
  if (!macMatches(manifestMac(keys, unsignedManifest(manifest)), manifest.mac)) throw corrupt(MANIFEST_NAME, 'its MAC does not match (altered)');
  return { manifest, keys, folder };
}

/**
 * A part's NDJSON as it is decompressed (pieces cut anywhere, with the lines ending in each): the stored bytes are
 * hashed (compared with the manifest at the end), every chunk is authenticated before it is decrypted, then
 * decompressed. Any failure rejects with 422 `backup_corrupt` naming the part; so does a row count that differs from
 * the manifest's, or a last line without its newline.
 */
export async function* partRows(blobs: BlobStore, opened: OpenedBackup, part: BackupPart): AsyncGenerator<RowPiece> {
  let stored: Readable;
  try {
    stored = await blobs.get(`${opened.folder}/${part.name}`);
  } catch (err) {
    if (err instanceof BlobNotFoundError) throw corrupt(part.name, 'missing from storage');
    throw err;
  }
  const digest = new DigestingStream();
  const opener = new ChunkOpener(opened.keys.partKey, `${opened.manifest.backupId}/${part.name}`);
  const compression = opened.manifest.encryption.compression;
  const decompress = partDecompressor(compression);
  const fail = (err: unknown) => decompress.destroy(err as Error);
  for (const s of [stored, digest, opener]) s.on('error', fail);
  stored.pipe(digest).pipe(opener).pipe(decompress);
  let rows = 0;
  let last = 0x0a;
  try {
    for await (const bytes of decompress) {
      const piece = { bytes: bytes as Buffer, rows: countLines(bytes as Buffer) };
      if (piece.bytes.length === 0) continue;
      rows += piece.rows;
      last = piece.bytes[piece.bytes.length - 1]!;
      yield piece;
    }
    if (last !== 0x0a) throw new Error('the last line has no newline');
  } catch (err) {
    const detail = (err as Error).message || String(err);
    throw corrupt(part.name, /^(Z_|ERR__ERROR|ERR_BROTLI)/.test((err as { code?: string }).code ?? '') ? `not a valid ${compression} stream (${detail})` : detail);
  } finally {
    // Also when the reader stops early (an insert failed): the file is let go at once.
    stored.destroy();
  }
  if (digest.bytes !== part.bytes) throw corrupt(part.name, `holds ${digest.bytes} bytes, the manifest says ${part.bytes} (truncated or extended)`);
  if (digest.sha256() !== part.sha256) throw corrupt(part.name, 'its SHA-256 differs from the manifest');
  if (rows !== part.rows) throw corrupt(part.name, `holds ${rows} rows, the manifest says ${part.rows}`);
}
