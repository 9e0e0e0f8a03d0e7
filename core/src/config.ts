import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { loadSheddingFromEnv, type LoadSheddingConfig } from './http/load-shedder.ts';

export interface KernelConfig {
  /** Real PostgreSQL when set; embedded PGlite under `dataDir` otherwise. */
  databaseUrl: string | null;
  dataDir: string;
  host: string;
  port: number;
  baseUrl: string;
  /** 32-byte key for AES-256-GCM secrets. */
  secretKey: Buffer;
  adminEmail: string;
  adminPassword: string | null;
  sessionTtlSeconds: number;
  tenantGraceDays: number;
  /** `Retry-After` of the 503 `maintenance` answers while maintenance mode is on (`MAINTENANCE_RETRY_AFTER_SECONDS`). */
  maintenanceRetryAfterSeconds: number;
  /** Run job schedulers and the outbox relay (off in some tests). */
  background: boolean;
  relayPollMs: number;
  /** Lease of a claimed outbox delivery; a heartbeat renews it while the handler runs (`OUTBOX_LEASE_MS`). */
  outboxLeaseMs: number;
  /** Keep CRUD list pages until their table changes (default on; `LIST_CACHE=off` to read every page from the database). */
  listCache: boolean;
  logLevel: string;
  /** Console output: JSON lines, or readable text (default on a terminal). */
  logFormat: 'json' | 'pretty';
  /** PII paths into a log line's data (`user.email`, `*.phone`) and extra secret key names, redacted everywhere. */
  logRedactPaths: string[];
  logRedactKeys: string[];
  /** A partial batch of log lines waits at most this long before it is written. */
  logFlushMs: number;
  /** Log lines buffered at most; on overflow DEBUG lines go first. */
  logBufferLines: number;
  /** Folder with the built console (served at `/`). */
  consoleDir: string | null;
  /** Root domain for subdomain tenant resolution, e.g. `example.com`. */
  tenantRootDomain: string | null;
  loginRateLimit: { max: number; windowMs: number };
  /** Fast 503 + Retry-After instead of queueing under overload (`SHED_*`). */
  loadShedding: LoadSheddingConfig;
  /** How long answers to mutations sent with an `Idempotency-Key` are kept for retries. */
  idempotencyRetentionHours: number;
  /** Larger answers are not kept: a retry is told the work was done (409 `idempotency_answer_unavailable`). */
  idempotencyMaxAnswerBytes: number;
}

/** Reads the secret key from env, or (embedded mode) generates one once into the data folder. */
function loadSecretKey(dataDir: string, env: NodeJS.ProcessEnv): Buffer {
  const raw = env.PLATFORM_SECRET_KEY;
  if (raw) {
    const key = /^[0-9a-f]{64}$/i.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
    if (key.length !== 32) throw new Error('PLATFORM_SECRET_KEY must be 32 bytes (64 hex chars or base64)');
    return key;
  }
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'secret.key');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
}

const listOf = (raw: string | undefined): string[] => (raw ?? '').split(',').map((s) => s.trim()).filter(Boolean);

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<KernelConfig> = {}): KernelConfig {
  const dataDir = resolve(overrides.dataDir ?? env.PLATFORM_DATA_DIR ?? './data');
  const port = Number(env.PORT ?? 3000);
  const host = env.HOST ?? '127.0.0.1';
  return {
    databaseUrl: env.DATABASE_URL || null,
    dataDir,
    host,
    port,
    baseUrl: env.PUBLIC_URL ?? `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`,
    secretKey: overrides.secretKey ?? loadSecretKey(dataDir, env),
    adminEmail: env.ADMIN_EMAIL ?? 'admin@platform.local',
    adminPassword: env.ADMIN_PASSWORD ?? null,
    sessionTtlSeconds: Number(env.SESSION_TTL_SECONDS ?? 12 * 3600),
    tenantGraceDays: Number(env.TENANT_GRACE_DAYS ?? 30),
    maintenanceRetryAfterSeconds: Number(env.MAINTENANCE_RETRY_AFTER_SECONDS ?? 300),
    background: env.PLATFORM_BACKGROUND !== 'false',
    relayPollMs: Number(env.RELAY_POLL_MS ?? 1000),
    outboxLeaseMs: Number(env.OUTBOX_LEASE_MS ?? 3000),
    listCache: env.LIST_CACHE !== 'off',
    logLevel: env.LOG_LEVEL ?? 'info',
    logFormat: env.LOG_FORMAT === 'json' || env.LOG_FORMAT === 'pretty' ? env.LOG_FORMAT : process.stdout.isTTY ? 'pretty' : 'json',
    logRedactPaths: listOf(env.LOG_REDACT_PATHS),
    logRedactKeys: listOf(env.LOG_REDACT_KEYS),
    logFlushMs: Number(env.LOG_FLUSH_MS ?? 500),
    logBufferLines: Number(env.LOG_BUFFER_LINES ?? 20_000),
    consoleDir: null,
    tenantRootDomain: env.TENANT_ROOT_DOMAIN ?? null,
    loginRateLimit: { max: Number(env.LOGIN_RATE_MAX ?? 10), windowMs: 60_000 },
    loadShedding: loadSheddingFromEnv(env),
    idempotencyRetentionHours: Number(env.IDEMPOTENCY_RETENTION_HOURS ?? 24),
    idempotencyMaxAnswerBytes: Number(env.IDEMPOTENCY_MAX_ANSWER_BYTES ?? 256 * 1024),
    ...overrides,
  };
}
