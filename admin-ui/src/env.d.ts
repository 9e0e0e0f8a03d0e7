/// <reference types="vite/client" />

/** Set by vite.config.ts: whether `test/fixtures/<name>/admin` entries are bundled (PLATFORM_ADMIN_FIXTURES). */
declare const __PLATFORM_INCLUDE_FIXTURES__: boolean;

declare module 'virtual:platform-admin-plugin-names' {
  /** Folder → plugin name of every discovered console entry (read from the source at build time). */
  const names: Record<string, string>;
  export default names;
}
