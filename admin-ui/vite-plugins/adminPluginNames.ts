import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';

const VIRTUAL_ID = 'virtual:platform-admin-plugin-names';
const RESOLVED_ID = '\0' + VIRTUAL_ID;

/** `defineAdminPlugin({ name: 'example', ...` → `example`; null when the literal cannot be read. */
export function adminPluginNameOf(source: string): string | null {
  const m = /defineAdminPlugin\s*\(\s*\{[\s\S]*?\bname\s*:\s*(['"`])([a-z][a-z0-9-]*)\1/.exec(source);
  return m ? m[2] : null;
}

/**
 * `virtual:platform-admin-plugin-names`: folder → plugin name for every discovered console entry, read
 * from the source at build time. The shell then fetches only the chunks of enabled plugins, even when a
 * folder is not named like its plugin (`test/fixtures/example-plugin` holds plugin `example`).
 */
export function adminPluginNames(roots: string[]): Plugin {
  const scan = () => {
    const names: Record<string, string> = {};
    const files: string[] = [];
    for (const root of roots) {
      if (!existsSync(root)) continue;
      for (const folder of readdirSync(root)) {
        const file = join(root, folder, 'admin', 'index.tsx');
        if (!existsSync(file)) continue;
        files.push(file);
        const name = adminPluginNameOf(readFileSync(file, 'utf8'));
        if (name && !(folder in names)) names[folder] = name;
      }
    }
    return { names, files };
  };
  return {
    name: 'platform-admin-plugin-names',
    resolveId: (id) => (id === VIRTUAL_ID ? RESOLVED_ID : null),
    load(id) {
      if (id !== RESOLVED_ID) return null;
      const { names, files } = scan();
      for (const f of files) this.addWatchFile(f);
      return `export default ${JSON.stringify(names)};`;
    },
  };
}
