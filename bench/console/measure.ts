/**
 * Console bundle budget. Builds nothing: reads admin-ui/dist/.vite/manifest.json (run
 * `pnpm --filter @platform/admin-ui build` first) and prints
 *   - the gzipped JavaScript the console loads before sign-in (the entry chunk and its static imports),
 *     against the 450 KB target;
 *   - the gzipped size of each plugin's console chunk (plugins/<name>/admin and test fixtures).
 *
 *   node --import tsx bench/console/measure.ts [--dist path/to/dist] [--json] [--check]
 *
 * --check exits 1 when the pre-login JavaScript is over the target.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const PRE_LOGIN_TARGET_KB = 450;

export interface ManifestChunk {
  file: string;
  src?: string;
  name?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
export type Manifest = Record<string, ManifestChunk>;

/** The manifest keys of a chunk and everything it imports statically (what the browser must fetch). */
export function staticClosure(manifest: Manifest, keys: string[]): Set<string> {
  const seen = new Set<string>();
  const stack = [...keys];
  while (stack.length) {
    const key = stack.pop()!;
    if (seen.has(key) || !manifest[key]) continue;
    seen.add(key);
    for (const dep of manifest[key].imports ?? []) stack.push(dep);
  }
  return seen;
}

const PLUGIN_SRC = /(?:^|\/)(plugins|test\/fixtures)\/([^/]+)\/admin\/index\.tsx$/;

export interface Measurement {
  preLogin: { files: string[]; gzipBytes: number; rawBytes: number; cssGzipBytes: number; targetKb: number; withinTarget: boolean };
  plugins: { plugin: string; source: 'plugins' | 'fixtures'; file: string; gzipBytes: number; ownImportsGzipBytes: number }[];
}

export function measure(dist: string): Measurement {
  const manifestPath = join(dist, '.vite', 'manifest.json');
  if (!existsSync(manifestPath)) throw new Error(`${manifestPath} not found: build the console first (pnpm --filter @platform/admin-ui build)`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  const sizes = new Map<string, { raw: number; gz: number }>();
  const size = (file: string) => {
    let s = sizes.get(file);
    if (!s) {
      const buf = readFileSync(join(dist, file));
      s = { raw: buf.length, gz: gzipSync(buf).length };
      sizes.set(file, s);
    }
    return s;
  };

  const entries = Object.keys(manifest).filter((k) => manifest[k].isEntry);
  if (!entries.length) throw new Error('the manifest has no entry chunk');
  const preLoginKeys = staticClosure(manifest, entries);
  const preLoginFiles = [...preLoginKeys].map((k) => manifest[k].file).filter((f) => f.endsWith('.js'));
  const cssFiles = [...new Set([...preLoginKeys].flatMap((k) => manifest[k].css ?? []))];
  const gzipBytes = preLoginFiles.reduce((n, f) => n + size(f).gz, 0);
  const rawBytes = preLoginFiles.reduce((n, f) => n + size(f).raw, 0);
  const cssGzipBytes = cssFiles.reduce((n, f) => n + size(f).gz, 0);

  const plugins: Measurement['plugins'] = [];
  for (const [key, chunk] of Object.entries(manifest)) {
    const m = PLUGIN_SRC.exec(chunk.src ?? key);
    if (!m) continue;
    // What enabling the plugin adds on top of what is already loaded: its chunk and its not-yet-loaded imports.
    const own = [...staticClosure(manifest, [key])].filter((k) => k !== key && !preLoginKeys.has(k));
    plugins.push({
      plugin: m[2],
      source: m[1] === 'plugins' ? 'plugins' : 'fixtures',
      file: chunk.file,
      gzipBytes: size(chunk.file).gz,
      ownImportsGzipBytes: own.reduce((n, k) => n + size(manifest[k].file).gz, 0),
    });
  }
  plugins.sort((a, b) => a.plugin.localeCompare(b.plugin));
  return {
    preLogin: { files: preLoginFiles, gzipBytes, rawBytes, cssGzipBytes, targetKb: PRE_LOGIN_TARGET_KB, withinTarget: gzipBytes <= PRE_LOGIN_TARGET_KB * 1024 },
    plugins,
  };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function main(argv: string[]): number {
  const distArg = argv.indexOf('--dist');
  const here = fileURLToPath(new URL('.', import.meta.url));
  const dist = distArg >= 0 ? resolve(argv[distArg + 1]) : resolve(here, '../../admin-ui/dist');
  const result = measure(dist);
  if (argv.includes('--json')) {
    console.log(JSON.stringify(result, null, 2));
  } else {
    const p = result.preLogin;
    console.log('Console bundle (gzip)');
    console.log(
      `  JavaScript before sign-in: ${kb(p.gzipBytes)} (target < ${p.targetKb} KB: ${p.withinTarget ? 'OK' : 'OVER'}; ${p.files.length} file(s), ${kb(p.rawBytes)} raw${p.cssGzipBytes ? `, + ${kb(p.cssGzipBytes)} CSS` : ''})`,
    );
    for (const f of p.files) console.log(`    ${f}`);
    if (!result.plugins.length) console.log('  Plugin chunks: none (no plugins/*/admin/index.tsx in this build)');
    else {
      console.log('  Plugin chunks:');
      for (const pl of result.plugins)
        console.log(`    ${pl.plugin.padEnd(28)} ${kb(pl.gzipBytes).padStart(9)}  (+ ${kb(pl.ownImportsGzipBytes)} of its own imports)${pl.source === 'fixtures' ? '  [test fixture]' : ''}`);
    }
  }
  return argv.includes('--check') && !result.preLogin.withinTarget ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (err) {
    console.error((err as Error).message);
    process.exitCode = 1;
  }
}
