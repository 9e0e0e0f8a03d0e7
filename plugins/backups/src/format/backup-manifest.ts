import { PART_COMPRESSIONS, type PartCompression } from './part-compression.ts';

/**
 * The manifest stored beside a backup's parts (`manifest.json`): what the backup holds and how to check it.
 * Format 3 compresses parts with brotli (`encryption.compression`), format 2 with gzip; both store each row as a JSON
 * array of its columns' text values (`columns` order, null for NULL); format 1 (still read) stored `row_to_json`
 * objects, gzipped.
 */
export const BACKUP_FORMAT = 'platform-backup/3';
export const READABLE_FORMATS: readonly string[] = ['platform-backup/1', 'platform-backup/2', BACKUP_FORMAT];

/** The format a backup written with `compression` is: 3 for brotli, 2 for gzip (as older platforms write it). */
export const formatOf = (compression: PartCompression) => (compression === 'brotli' ? BACKUP_FORMAT : 'platform-backup/2');

/** Whether the backup's rows are arrays of text values (format 2 on) rather than objects. */
export const rowsAreArrays = (manifest: Pick<BackupManifest, 'format'>) => manifest.format !== 'platform-backup/1';

export interface BackupPart {
  /** Blob name within the backup's folder, e.g. `part-0003.ndjson.br.enc` (`.gz.` up to format 2). */
  name: string;
  plugin: string;
  table: string;
  rows: number;
  /** Stored (encrypted) size in bytes. */
  bytes: number;
  /** SHA-256 (hex) of the stored bytes. */
  sha256: string;
  /** The table's columns as backed up, in order. */
  columns: string[];
}

export interface BackupManifest {
  format: string;
  backupId: string;
  tenant: { id: string; slug: string; name: string };
  createdAt: string;
  scope: 'full' | 'partial';
  /** The plugins whose declared tables the backup covers (`kernel` for the kernel's own). */
  plugins: string[];
  kernelVersion: string;
  /** Each owner's applied migrations when the backup was taken (`kernel` and every plugin with migrations). */
  schema: Record<string, string[]>;
  encryption: { algorithm: 'aes-256-gcm'; chunkBytes: number; compression: PartCompression; wrappedKey: string };
  parts: BackupPart[];
  /** HMAC-SHA256 of the rest of the manifest (canonical JSON) under a key derived from the data key. */
  mac: string;
}

/** Deterministic JSON (keys sorted at every level): what the MAC covers. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function unsignedManifest(manifest: Omit<BackupManifest, 'mac'> & { mac?: string }): string {
  const { mac: _mac, ...rest } = manifest;
  return canonicalJson(rest);
}

export const partName = (index: number, compression: PartCompression) => `part-${String(index + 1).padStart(4, '0')}.ndjson.${compression === 'brotli' ? 'br' : 'gz'}.enc`;
export const backupFolder = (tenantId: string, backupId: string) => `backups/${tenantId}/${backupId}`;
export const MANIFEST_NAME = 'manifest.json';

/** Checks the shape of a parsed manifest (a file read back from storage may be anything). */
export function manifestShapeProblem(m: unknown): string | null {
  if (!m || typeof m !== 'object') return 'is not a JSON object';
  const o = m as Record<string, unknown>;
  if (typeof o.format !== 'string' || !READABLE_FORMATS.includes(o.format)) return `has format ${JSON.stringify(o.format)}, expected one of ${READABLE_FORMATS.join(', ')}`;
  if (typeof o.backupId !== 'string' || typeof o.mac !== 'string') return 'lacks its id or MAC';
  const tenant = o.tenant as Record<string, unknown> | undefined;
  if (!tenant || typeof tenant.id !== 'string' || typeof tenant.slug !== 'string') return 'lacks its tenant';
  const enc = o.encryption as Record<string, unknown> | undefined;
  if (!enc || typeof enc.wrappedKey !== 'string') return 'lacks its wrapped key';
  if (!PART_COMPRESSIONS.includes(enc.compression as PartCompression)) return `has compression ${JSON.stringify(enc.compression)}, expected one of ${PART_COMPRESSIONS.join(', ')}`;
  if (!o.schema || typeof o.schema !== 'object') return 'lacks its schema versions';
  if (!Array.isArray(o.parts)) return 'lacks its parts';
  for (const p of o.parts as Record<string, unknown>[]) {
    if (!p || typeof p.name !== 'string' || !/^part-\d{4}\.ndjson\.(gz|br)\.enc$/.test(p.name) || typeof p.table !== 'string' || typeof p.sha256 !== 'string' || !Number.isInteger(p.rows) || !Array.isArray(p.columns)) return 'has a malformed part entry';
  }
  return null;
}
