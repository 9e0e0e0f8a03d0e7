/**
 * Two libraries get a chunk of their own; the rest is split by use.
 * - React: the login entry needs it and nothing else from node_modules; named, so that no other chunk absorbs it.
 * - ra-core: its modules import each other through its barrel (`util/index.js` ↔ `FieldTitle.js`), so split by
 *   use they land in different chunks that import each other, and Rollup warns that the execution order may break
 *   (CYCLIC_CROSS_CHUNK_REEXPORT). Kept whole, it is loaded with the console after sign-in.
 */
export function vendorChunkOf(id: string): string | undefined {
  if (/[\\/]node_modules[\\/](?:react|react-dom|scheduler)[\\/]/.test(id)) return 'react';
  if (/[\\/]node_modules[\\/]ra-core[\\/]/.test(id)) return 'ra-core';
  return undefined;
}
