import { randomBytes } from 'node:crypto';
import { Secret, Type, type PluginContext } from '@platform/sdk';

/** What `ctx.secrets` seals: the link signing key, under the kernel's key (a database read gives no usable key). */
const SealedKeySchema = Type.Object({ key: Secret(Type.String()) });
const KEY_ID = 'v1';

/**
 * The link signing key of this database: created once (the first instance to insert wins, the others read that one),
 * stored sealed with the kernel's secret key, opened once per instance.
 */
export class LinkSigningKey {
  private loading: Promise<Buffer> | null = null;

  constructor(private readonly ctx: Pick<PluginContext, 'db' | 'secrets'>) {}

  get(): Promise<Buffer> {
    this.loading ??= this.load().catch((err: unknown) => {
      this.loading = null;
      throw err;
    });
    return this.loading;
  }

  private async load(): Promise<Buffer> {
    const sealed = this.ctx.secrets.seal(SealedKeySchema, { key: randomBytes(32).toString('base64') }).key as string;
    await this.ctx.db.sql('INSERT INTO onboarding_link_keys (id, sealed_key) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING', [KEY_ID, sealed], this.ctx.db.system());
    const [row] = await this.ctx.db.sql<{ sealed_key: string }>('SELECT sealed_key FROM onboarding_link_keys WHERE id = $1', [KEY_ID], this.ctx.db.system());
    let opened: string;
    try {
      opened = this.ctx.secrets.open(SealedKeySchema, { key: row.sealed_key }).key as string;
    } catch (err) {
      throw new Error(`the link signing key (onboarding_link_keys) cannot be opened with this kernel's secret key: was it sealed with another one? (${(err as Error).message})`);
    }
    const key = Buffer.from(opened, 'base64');
    if (key.length !== 32) throw new Error('the link signing key does not hold 32 bytes (sealed with another kernel key?)');
    return key;
  }
}

const keys = new WeakMap<object, LinkSigningKey>();

/** The one {@link LinkSigningKey} of a plugin context (each service of the plugin asks for it). */
export function linkSigningKeyOf(ctx: Pick<PluginContext, 'db' | 'secrets'>): LinkSigningKey {
  let key = keys.get(ctx);
  if (!key) keys.set(ctx, (key = new LinkSigningKey(ctx)));
  return key;
}
