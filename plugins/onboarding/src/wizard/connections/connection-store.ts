import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { Secret, Type, type PluginContext } from '@platform/sdk';

export type ConnectionProvider = 'shopify' | 'stripe' | 'wise';

/** A tenant's connection to an external account; its token stays sealed here and never leaves the server. */
export interface Connection {
  tenantId: string;
  provider: ConnectionProvider;
  status: 'pending' | 'connected' | 'disconnected';
  details: Record<string, unknown>;
  connectedAt: string | null;
}

/** The sealed part of a connection (the kernel encrypts `accessToken` at rest). */
export const CONNECTION_SECRETS = Type.Object({ accessToken: Secret(Type.String()) });

const SELECT = `SELECT tenant_id AS "tenantId", provider, status, details, connected_at AS "connectedAt" FROM onboarding_connections`;

function fromRow(r: Record<string, unknown>): Connection {
  return { ...(r as unknown as Connection), connectedAt: r.connectedAt ? new Date(r.connectedAt as string).toISOString() : null };
}

/** SQL over `onboarding_connections`, with the OAuth round's single-use state and the sealed tokens. */
export class ConnectionStore {
  constructor(private readonly ctx: PluginContext) {}

  async find(tenantId: string, provider: ConnectionProvider): Promise<Connection | null> {
    const [row] = await this.ctx.db.sql<Record<string, unknown>>(`${SELECT} WHERE tenant_id = $1 AND provider = $2`, [tenantId, provider]);
    return row ? fromRow(row) : null;
  }

  async list(tenantId: string): Promise<Connection[]> {
    return (await this.ctx.db.sql<Record<string, unknown>>(`${SELECT} WHERE tenant_id = $1 ORDER BY provider`, [tenantId])).map(fromRow);
  }

  /**
   * Starts an OAuth round: a fresh random state stored with the details asked for (shop, scopes), returned for
   * the authorize URL. An existing connection keeps its token until the new round completes.
   */
  async beginOAuth(tenantId: string, provider: ConnectionProvider, pending: Record<string, unknown>): Promise<string> {
    const state = randomBytes(24).toString('base64url');
    await this.ctx.db.sql(
      `INSERT INTO onboarding_connections (id, tenant_id, provider, oauth_state, details) VALUES ($1, $2, $3, $4, jsonb_build_object('pending', $5::jsonb))
       ON CONFLICT (tenant_id, provider) DO UPDATE SET oauth_state = EXCLUDED.oauth_state,
         details = onboarding_connections.details || jsonb_build_object('pending', $5::jsonb), updated_at = now()`,
      [randomUUID(), tenantId, provider, state, JSON.stringify(pending)],
    );
    return state;
  }

  /**
   * Consumes the OAuth state of the tenant's pending round: the details asked for when it matches (and clears
   * it, so a state is used once), else null.
   */
  async consumeOAuthState(tenantId: string, provider: ConnectionProvider, state: string): Promise<Record<string, unknown> | null> {
    const [row] = await this.ctx.db.sql<{ oauthState: string | null; details: Record<string, unknown> }>(
      `SELECT oauth_state AS "oauthState", details FROM onboarding_connections WHERE tenant_id = $1 AND provider = $2`,
      [tenantId, provider],
    );
    if (!row?.oauthState || !sameText(row.oauthState, state)) return null;
    const cleared = await this.ctx.db.sql(
      `UPDATE onboarding_connections SET oauth_state = NULL, updated_at = now() WHERE tenant_id = $1 AND provider = $2 AND oauth_state = $3 RETURNING 1`,
      [tenantId, provider, row.oauthState],
    );
    return cleared.length ? ((row.details.pending as Record<string, unknown>) ?? {}) : null;
  }

  /** Records a connected account: its token sealed, its public details kept for the page and the checklist. */
  async connect(tenantId: string, provider: ConnectionProvider, accessToken: string, details: Record<string, unknown>): Promise<void> {
    const sealed = this.ctx.secrets.seal(CONNECTION_SECRETS, { accessToken });
    await this.ctx.db.sql(
      `INSERT INTO onboarding_connections (id, tenant_id, provider, status, details, secrets, connected_at) VALUES ($1, $2, $3, 'connected', $4::jsonb, $5::jsonb, now())
       ON CONFLICT (tenant_id, provider) DO UPDATE SET status = 'connected', details = EXCLUDED.details, secrets = EXCLUDED.secrets, connected_at = now(), updated_at = now()`,
      [randomUUID(), tenantId, provider, JSON.stringify(details), JSON.stringify(sealed)],
    );
  }

  async markDisconnected(tenantId: string, provider: ConnectionProvider): Promise<void> {
    await this.ctx.db.sql(`UPDATE onboarding_connections SET status = 'disconnected', updated_at = now() WHERE tenant_id = $1 AND provider = $2`, [tenantId, provider]);
  }

  /** The connected account's token, opened; null when not connected. */
  async accessToken(tenantId: string, provider: ConnectionProvider): Promise<string | null> {
    const [row] = await this.ctx.db.sql<{ secrets: Record<string, unknown> }>(
      `SELECT secrets FROM onboarding_connections WHERE tenant_id = $1 AND provider = $2 AND status = 'connected'`,
      [tenantId, provider],
    );
    if (!row) return null;
    return String(this.ctx.secrets.open(CONNECTION_SECRETS, row.secrets).accessToken ?? '') || null;
  }
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
