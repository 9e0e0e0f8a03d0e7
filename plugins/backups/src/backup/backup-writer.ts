import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Database, SecretSealer, TenantInfo } from '@platform/sdk';
import type { BlobStore } from '@platform/sdk/storage';
import { deriveKeys, manifestMac, newDataKey, wrapDataKey } from '../crypto/backup-keys.ts';
import { DigestingStream } from '../crypto/digesting-stream.ts';
import { CHUNK_BYTES, ChunkSealer } from '../crypto/sealed-chunks.ts';
import { partCompressor, type PartCompression } from '../format/part-compression.ts';
import { backupFolder, formatOf, MANIFEST_NAME, partName, unsignedManifest, type BackupManifest, type BackupPart } from '../format/backup-manifest.ts';
import type { DeclaredTable } from '../tables/declared-data.ts';
import { planTables } from '../tables/table-plan.ts';
import { appliedMigrations } from './applied-migrations.ts';
import { estimateRows, tableRowsAsNdjson } from './table-rows.ts';

export interface BackupWriterDeps {
  db: Database;
  blobs: BlobStore;
  secrets: SecretSealer;
  declarations: () => DeclaredTable[];
  kernelVersion: string;
  /** How parts are compressed: brotli (format 3, the default) or gzip (format 2, what older platforms wrote). */
  compression?: PartCompression;
}

export interface BackupRequest {
  backupId: string;
  tenant: TenantInfo;
  /** Plugins to cover (`kernel` included), or null for all. */
  plugins: string[] | null;
  /** Called with rows done and rows in total, as the backup runs. */
  onProgress(done: number, total: number): void;
}

/** Which plugins a backup covers: the chosen ones, or every plugin that declares tenant data. */
export function coveredPlugins(declarations: DeclaredTable[], chosen: string[] | null): string[] {
  const declaring = [...new Set(declarations.map((d) => d.plugin))];
  return chosen ? declaring.filter((p) => chosen.includes(p)) : declaring;
}

/**
 * Writes one tenant's logical backup: inside one read-only repeatable-read transaction (a consistent snapshot of
 * every table), each declared table is streamed with COPY as NDJSON, compressed (brotli), sealed chunk by chunk
 * (AES-256-GCM under keys derived from a fresh data key) and hashed on its way to the blob store; then the manifest
 * (schema versions, parts with row counts and SHA-256, the data key wrapped by the platform key) is signed and stored.
 */
export async function writeBackup(deps: BackupWriterDeps, req: BackupRequest): Promise<BackupManifest> {
  const { db, blobs } = deps;
  const all = deps.declarations();
  const plugins = coveredPlugins(all, req.plugins);
  const dataKey = newDataKey();
  const keys = deriveKeys(dataKey, req.backupId);
  const folder = backupFolder(req.tenant.id, req.backupId);
  const compression = deps.compression ?? 'brotli';
  const parts: BackupPart[] = [];
  let schema: Record<string, string[]> = {};

  await db.system().transactional(async (em) => {
    await db.sql('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY', [], em);
    const plans = await planTables(db, em, all, (d) => plugins.includes(d.plugin));
    schema = await appliedMigrations(db, em);
    // Progress against the planner's estimates: rows done, plus what each table not finished is still expected to hold.
    const estimates: number[] = [];
    for (const plan of plans) estimates.push(await estimateRows(db, em, plan, req.tenant.id));
    let done = 0;
    req.onProgress(0, estimates.reduce((a, b) => a + b, 0));

    for (const [i, plan] of plans.entries()) {
      const name = partName(i, compression);
      let rows = 0;
      const later = estimates.slice(i + 1).reduce((a, b) => a + b, 0);
      const source = tableRowsAsNdjson(db, em, plan, req.tenant.id, (n) => {
        rows += n;
        done += n;
        req.onProgress(done, done + Math.max(estimates[i]! - rows, 0) + later);
      });
      const digest = new DigestingStream();
      const out = new PassThrough();
      const piping = pipeline(source, partCompressor(compression), new ChunkSealer(keys.partKey, `${req.backupId}/${name}`), digest, out);
      try {
        await Promise.all([blobs.put(`${folder}/${name}`, out, { contentType: 'application/octet-stream' }), piping]);
      } catch (err) {
        source.destroy();
        out.destroy();
        throw err;
      }
      parts.push({ name, plugin: plan.plugin, table: plan.table, rows, bytes: digest.bytes, sha256: digest.sha256(), columns: plan.columns });
    }
  });

  const unsigned: Omit<BackupManifest, 'mac'> = {
    format: formatOf(compression),
    backupId: req.backupId,
    tenant: { id: req.tenant.id, slug: req.tenant.slug, name: req.tenant.name },
    createdAt: new Date().toISOString(),
    scope: req.plugins ? 'partial' : 'full',
    plugins,
    kernelVersion: deps.kernelVersion,
    schema,
    encryption: { algorithm: 'aes-256-gcm', chunkBytes: CHUNK_BYTES, compression, wrappedKey: wrapDataKey(deps.secrets, dataKey) },
    parts,
  };
  const manifest: BackupManifest = { ...unsigned, mac: manifestMac(keys, unsignedManifest(unsigned)) };
  await blobs.put(`${folder}/${MANIFEST_NAME}`, Buffer.from(JSON.stringify(manifest, null, 2)), { contentType: 'application/json' });
  return manifest;
}
