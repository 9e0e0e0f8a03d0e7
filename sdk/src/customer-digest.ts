import { defineExtensionPoint, type ExtensionPoint } from './plugin.ts';

/**
 * The daily customer-success digest: the contract between the `customer-success` plugin (which assembles, shows and
 * emails the digest) and the plugins that own the data a section is made of (health, metrics, alerts, billing,
 * logging...). A plugin contributes a section in `register()` or `boot()`; a contribution whose `id` equals an
 * earlier one's replaces it. A section that throws is shown as failed and never breaks the others.
 *
 * ```ts
 * ctx.extensions.contribute(DIGEST_SECTIONS, defineDigestSection({
 *   id: 'failed-payments', label: 'Failed payments', order: 60,
 *   async compute(call) {
 *     const rows = await failedSince(call.since);
 *     return { status: rows.length ? 'warning' : 'ok', summary: `${rows.length} failed payments`, items: rows.map(...) };
 *   },
 * }));
 * ```
 */

/** What a section is computed for: the 24 hours up to `now`. */
export interface DigestCall {
  now: Date;
  /** `now` minus 24 hours. */
  since: Date;
}

export type DigestStatus = 'ok' | 'warning' | 'critical';

/** One line of a section: a tenant, an alert, an error group... */
export interface DigestItem {
  label: string;
  /** A short figure or state ("3 failures", "-24 points"). */
  value?: string;
  detail?: string;
  /** When the line is about a tenant: the console links it to that tenant's 360 page. */
  tenantId?: string;
  status?: DigestStatus;
}

export interface DigestSectionContent {
  status: DigestStatus;
  /** One sentence ("2 alerts fired in the last 24 hours"). */
  summary: string;
  /** At most 10 are shown. */
  items: DigestItem[];
}

export interface DigestSectionDefinition {
  /** Stable, kebab-case; what a recipient picks in their digest settings. */
  id: string;
  label: string;
  /** Position in the digest (ascending). */
  order: number;
  compute(call: DigestCall): Promise<DigestSectionContent>;
}

/** Sections of the daily digest; owned by the `customer-success` plugin. */
export const DIGEST_SECTIONS: ExtensionPoint<DigestSectionDefinition> = defineExtensionPoint<DigestSectionDefinition>('customer-success.digest-sections');

export function defineDigestSection<T extends DigestSectionDefinition>(section: T): T {
  return section;
}
