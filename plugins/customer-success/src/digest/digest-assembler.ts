import type { PluginContext } from '@platform/sdk';
import { DIGEST_SECTIONS, effectiveHealthSignals, type DigestSectionContent, type DigestSectionDefinition } from '@platform/sdk/customer-health';

/** A computed section as the page and the email show it. */
export interface DigestSectionView extends DigestSectionContent {
  id: string;
  label: string;
  /** Set when the section threw: shown as failed, the others still render. */
  error?: string;
}

export interface Digest {
  generatedAt: string;
  since: string;
  sections: DigestSectionView[];
}

const MAX_ITEMS = 10;
const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 300);

/** The sections in use, in order (a later contribution of an id replaces an earlier one). */
export function digestSections(ctx: PluginContext): DigestSectionDefinition[] {
  return effectiveHealthSignals(ctx.extensions.get(DIGEST_SECTIONS)).sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}

/** Computes the chosen sections (null: all) for the 24 hours up to `now`; a failing section is reported, not fatal. */
export async function assembleDigest(ctx: PluginContext, now: Date, chosen: readonly string[] | null): Promise<Digest> {
  const since = new Date(now.getTime() - 86_400_000);
  const sections = digestSections(ctx).filter((s) => chosen === null || chosen.includes(s.id));
  const views = await Promise.all(
    sections.map(async (s): Promise<DigestSectionView> => {
      try {
        const content = await s.compute({ now, since });
        return { id: s.id, label: s.label, status: content.status, summary: content.summary, items: content.items.slice(0, MAX_ITEMS) };
      } catch (err) {
        ctx.logger.warn({ action: 'customer_success.digest_section_failed', section: s.id, err }, 'digest section failed');
        return { id: s.id, label: s.label, status: 'warning', summary: 'This section could not be computed.', items: [], error: messageOf(err) };
      }
    }),
  );
  return { generatedAt: now.toISOString(), since: since.toISOString(), sections: views };
}
