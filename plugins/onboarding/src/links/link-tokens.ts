import type { PluginContext, ProblemError } from '@platform/sdk';
import { linkSigningKeyOf } from './link-signing-key.ts';
import { checkLinkToken, hashLinkToken, newLinkToken, type LinkKind } from './single-use-token.ts';

/** Issues and checks one kind of signed link (see `single-use-token.ts`), with this database's sealed link key. */
export class LinkTokens {
  constructor(
    private readonly ctx: Pick<PluginContext, 'db' | 'secrets'>,
    private readonly kind: LinkKind,
    private readonly refusals: { invalid: () => ProblemError; expired: () => ProblemError },
  ) {}

  /** A new link token expiring at `expiresAt`, and the hash to store (the token itself is never stored). */
  async issue(expiresAt: Date): Promise<{ token: string; hash: string }> {
    const token = newLinkToken(this.kind, await linkSigningKeyOf(this.ctx).get(), expiresAt);
    return { token, hash: hashLinkToken(token) };
  }

  /** The stored hash a presented token is looked up by; throws the `invalid` (forged, altered) or `expired` refusal. */
  async hashOf(token: unknown, now: number): Promise<string> {
    const checked = checkLinkToken(this.kind, token, await linkSigningKeyOf(this.ctx).get(), now);
    if (checked.status === 'invalid') throw this.refusals.invalid();
    if (checked.status === 'expired') throw this.refusals.expired();
    return checked.hash;
  }
}
