import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import type { PluginManifest, TenantInfo } from '@platform/sdk';
import { createKernel, type Kernel } from '../kernel.ts';
import type { KernelConfig } from '../config.ts';
import { createTestDatabase } from './test-database.ts';
import { Session, User } from '../entities/kernel-entities.ts';
import { hashPassword } from '../auth/passwords.ts';
import { hashToken, newSessionToken } from '../auth/tokens.ts';
import { builtInRoles } from '../auth/permission-catalog.ts';
import { runSql } from '../db/orm.ts';
import { DEFAULT_LOAD_SHEDDING } from '../http/load-shedder.ts';

export interface Identity {
  /** A built-in or custom role key. Tenant roles (tenant_admin, tenant_member) create a tenant user. */
  role: string;
  /** Tenant slug; created when missing. Staff clients send it as X-Tenant-Id. */
  tenant?: string;
}

export interface TestClient {
  token: string;
  userId: string;
  tenant: TenantInfo | null;
  /** `app.inject` with this identity's bearer token (and X-Tenant-Id for staff). */
  inject(opts: InjectOptions | string): Promise<LightMyRequestResponse>;
}

export interface TestKernel {
  kernel: Kernel;
  /** Signed in as `options.as` (default: super_admin, staff, no tenant selected). */
  inject: TestClient['inject'];
  client: TestClient;
  /** Another identity on the same kernel. */
  signIn(identity: Identity): Promise<TestClient>;
  /** Creates (or returns) an active tenant. */
  tenant(slug: string): Promise<TenantInfo>;
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  databaseUrl: string | null;
  close(): Promise<void>;
}

export interface TestKernelOptions {
  plugins?: PluginManifest[];
  as?: Identity;
  /** Run the outbox relay and the job scheduler (default false: tests call them explicitly). */
  background?: boolean;
  /** `embedded` runs on a throw-away PGlite; default is a fresh database on the test PostgreSQL server. */
  database?: 'server' | 'embedded';
  /** Boot on this existing database instead of a fresh one (not dropped on close): several kernels, one database. */
  databaseUrl?: string;
  config?: Partial<KernelConfig>;
  /** Serve the built console (admin-ui/dist) at `/`, for browser tests against an in-process kernel. Default false. */
  serveConsole?: boolean;
}

/**
 * Boots a real kernel with only the given plugins on a fresh database, and returns an `inject()`
 * already signed in as the identity you choose.
 */
export async function createTestKernel(options: TestKernelOptions = {}): Promise<TestKernel> {
  const db = options.database === 'embedded' || options.databaseUrl ? null : await createTestDatabase();
  const databaseUrl = options.databaseUrl ?? db?.url ?? null;
  const dataDir = mkdtempSync(join(tmpdir(), 'platform-test-'));
  let kernel: Kernel;
  try {
    kernel = await createKernel({
      plugins: options.plugins ?? [],
      serveConsole: options.serveConsole ?? false,
      env: {},
      config: {
        databaseUrl,
        dataDir,
        secretKey: randomBytes(32),
        adminPassword: 'test-admin-password',
        background: options.background ?? false,
        relayPollMs: 50,
        logLevel: process.env.TEST_LOG_LEVEL ?? 'error',
        loginRateLimit: { max: 1000, windowMs: 60_000 },
        // A test machine's CPU is shared: event-loop delay and long turns there say nothing about this kernel (a
        // browser test's kernel shares its process with the test), so only the in-flight limit refuses requests
        // unless a test asks for more.
        loadShedding: { ...DEFAULT_LOAD_SHEDDING, maxEventLoopDelayMs: 0, maxTurnMs: 0 },
        port: 0,
        ...options.config,
      },
    });
  } catch (err) {
    await db?.drop().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }

  const tenant = async (slug: string): Promise<TenantInfo> => {
    const system = { actorType: 'system', actorId: null, actorLabel: 'test', requestId: null };
    const { tenant: t } = await kernel.services.tenants.create({ slug, name: slug.replace(/-/g, ' ') }, system);
    return (await kernel.services.directory.get(t.id))!;
  };

  const signIn = async (identity: Identity): Promise<TestClient> => {
    const builtIn = builtInRoles.find((r) => r.key === identity.role);
    const tenantInfo = identity.tenant ? await tenant(identity.tenant) : null;
    const kind = builtIn?.scope === 'tenant' ? 'tenant' : 'staff';
    if (kind === 'tenant' && !tenantInfo) throw new Error(`role ${identity.role} needs a tenant`);
    const em = kernel.orm.em.fork();
    const user = em.create(User, {
      id: randomUUID(),
      email: `${identity.role}.${randomBytes(4).toString('hex')}@test.local`,
      name: identity.role,
      passwordHash: await hashPassword('test-password'),
      kind,
      tenantId: kind === 'tenant' ? tenantInfo!.id : null,
      roles: [identity.role],
      status: 'active',
      lastLoginAt: null,
    } as any);
    await em.flush();
    const token = newSessionToken();
    em.create(Session, { tokenHash: hashToken(token), userId: user.id, expiresAt: new Date(Date.now() + 3600_000), ip: null, userAgent: 'test' } as any);
    await em.flush();
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (kind === 'staff' && tenantInfo) headers['x-tenant-id'] = tenantInfo.id;
    return {
      token,
      userId: user.id,
      tenant: tenantInfo,
      inject(opts) {
        const o: InjectOptions = typeof opts === 'string' ? { url: opts, method: 'GET' } : opts;
        return kernel.app.inject({ ...o, headers: { ...headers, ...(o.headers ?? {}) } });
      },
    };
  };

  const client = await signIn(options.as ?? { role: 'super_admin' });
  return {
    kernel,
    client,
    inject: client.inject,
    signIn,
    tenant,
    sql: async (text, params) => {
      const rows = await runSql<any>(kernel.orm.em.fork(), text, params ?? []);
      // A test's raw write is read back at once; the tables' triggers would tell the cache a moment later.
      kernel.services.readCache.invalidateAll();
      return rows;
    },
    databaseUrl,
    async close() {
      await kernel.close();
      await db?.drop().catch(() => undefined);
      // The secret key file, and on the embedded database its whole PGlite folder.
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
