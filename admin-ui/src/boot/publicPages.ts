import type { ComponentType } from 'react';

type PageModule = { default: ComponentType };

/**
 * Plugins' public pages, for visitors who are not signed in (accept an invitation, reset a password, sign up):
 * `plugins/<name>/admin/public/<page>.tsx` default-exports a component served at `/<page>`. Found at build time;
 * each is its own lazy chunk, fetched only when its page is opened. They render without react-admin.
 */
const pages = import.meta.glob<PageModule>('../../../plugins/*/admin/public/*.tsx');

const byName = new Map(
  Object.entries(pages).map(([key, load]) => [key.slice(key.lastIndexOf('/') + 1, -'.tsx'.length), load] as const),
);

/** The loader of the public page at `pathname` (`/accept-invitation`), or null. */
export function publicPageAt(pathname: string): (() => Promise<PageModule>) | null {
  const name = pathname.replace(/\/+$/, '').slice(1);
  return /^[a-z0-9-]+$/.test(name) ? (byName.get(name) ?? null) : null;
}

/** Whether some plugin serves this public page (the sign-in form links to `forgot-password` and `signup`). */
export function hasPublicPage(name: string): boolean {
  return byName.has(name);
}
