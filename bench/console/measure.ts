/**
 * Console bundle sizes, from the build (reads admin-ui/dist/.vite/manifest.json; build the console first:
 * `pnpm --filter @platform/admin-ui build`). Sizes are brotli, as served: the `.br` copy the build wrote
 * next to each file (vite-plugins/precompress.ts), or the file compressed here when there is none.
 *   - what the login page needs (the HTML entry, its static JavaScript imports and CSS), against the 120 KB target;
 *   - each plugin's console chunk (plugins/<name>/admin and test fixtures) and what it adds of its own imports.
 *
 *   node --import tsx bench/console/measure.ts [--dist path/to/dist] [--json]
 *
 * bench/console/run.ts prints these and measures the login page in Chromium.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';

export const PRE_LOGIN_TARGET_KB = 120;
export const DEFAULT_DIST = fileURLToPath(new URL('../../admin-ui/dist', import.meta.url));

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
  preLogin: { files: string[]; brBytes: number; rawBytes: number; jsBrBytes: number; cssBrBytes: number; htmlBrBytes: number; targetKb: number };
  /** What the entry fetches after sign-in before any page or plugin: its dynamic imports (src/App.tsx) and their static imports. */
  console: { brBytes: number; files: number } | null;
  plugins: { plugin: string; source: 'plugins' | 'fixtures'; file: string; brBytes: number; ownImportsBrBytes: number }[];
}

export function measure(dist: string = DEFAULT_DIST): Measurement {
  const manifestPath = join(dist, '.vite', 'manifest.json');
  if (!existsSync(manifestPath)) throw new Error(`${manifestPath} not found: build the console first (pnpm --filter @platform/admin-ui build)`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  const sizes = new Map<string, { raw: number; br: number }>();
  const size = (file: string) => {
    let s = sizes.get(file);
    if (!s) {
      const buf = readFileSync(join(dist, file));
      const served = join(dist, `${file}.br`);
      const br = existsSync(served)
        ? readFileSync(served).length
        : Math.min(buf.length, brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length);
      s = { raw: buf.length, br };
      sizes.set(file, s);
    }
    return s;
  };
  const sum = (files: string[], key: 'raw' | 'br') => files.reduce((n, f) => n + size(f)[key], 0);

  const entries = Object.keys(manifest).filter((k) => manifest[k].isEntry);
  if (!entries.length) throw new Error('the manifest has no entry chunk');
  const preLoginKeys = staticClosure(manifest, entries);
  const js = [...preLoginKeys].map((k) => manifest[k].file).filter((f) => f.endsWith('.js'));
  const css = [...new Set([...preLoginKeys].flatMap((k) => manifest[k].css ?? []))];
  const html = existsSync(join(dist, 'index.html')) ? ['index.html'] : [];
  const files = [...html, ...js, ...css];

  // The entry's dynamic imports: the console (src/App.tsx) it fetches after sign-in.
  const afterSignIn = entries.flatMap((k) => manifest[k].dynamicImports ?? []);
  const consoleKeys = [...staticClosure(manifest, afterSignIn)].filter((k) => !preLoginKeys.has(k));
  const consoleFiles = consoleKeys.flatMap((k) => [manifest[k].file, ...(manifest[k].css ?? [])]);

  const plugins: Measurement['plugins'] = [];
  for (const [key, chunk] of Object.entries(manifest)) {
    const m = PLUGIN_SRC.exec(chunk.src ?? key);
    if (!m) continue;
    // What enabling the plugin adds on top of the signed-in console: its chunk and its not-yet-loaded imports.
    const own = [...staticClosure(manifest, [key])].filter((k) => k !== key && !preLoginKeys.has(k) && !consoleKeys.includes(k));
    plugins.push({
      plugin: m[2],
      source: m[1] === 'plugins' ? 'plugins' : 'fixtures',
      file: chunk.file,
      brBytes: size(chunk.file).br,
      ownImportsBrBytes: sum(own.map((k) => manifest[k].file), 'br'),
    });
  }
  plugins.sort((a, b) => a.plugin.localeCompare(b.plugin));
  return {
    preLogin: {
      files,
      brBytes: sum(files, 'br'),
      rawBytes: sum(files, 'raw'),
      jsBrBytes: sum(js, 'br'),
      cssBrBytes: sum(css, 'br'),
      htmlBrBytes: sum(html, 'br'),
      targetKb: PRE_LOGIN_TARGET_KB,
    },
    console: afterSignIn.length ? { brBytes: sum(consoleFiles, 'br'), files: consoleFiles.length } : null,
    plugins,
  };
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export function printMeasurement(result: Measurement): void {
  const p = result.preLogin;
  console.log('Console build (brotli, as served)');
  console.log(`  Login page from the build: ${kb(p.brBytes)} (target < ${p.targetKb} KB; JS ${kb(p.jsBrBytes)}, CSS ${kb(p.cssBrBytes)}, HTML ${kb(p.htmlBrBytes)}; ${kb(p.rawBytes)} uncompressed)`);
  for (const f of p.files) console.log(`    ${f}`);
  if (result.console) console.log(`  Console fetched after sign-in (react-admin, MUI, theme; pages and plugins are chunks of their own): ${kb(result.console.brBytes)} in ${result.console.files} file(s)`);
  if (!result.plugins.length) console.log('  Plugin chunks: none (no plugins/*/admin/index.tsx in this build)');
  else {
    console.log('  Plugin chunks (br):');
    for (const pl of result.plugins)
      console.log(`    ${pl.plugin.padEnd(28)} ${kb(pl.brBytes).padStart(9)}  (+ ${kb(pl.ownImportsBrBytes)} of its own imports)${pl.source === 'fixtures' ? '  [test fixture]' : ''}`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  const distArg = argv.indexOf('--dist');
  try {
    const result = measure(distArg >= 0 ? resolve(argv[distArg + 1]) : DEFAULT_DIST);
    if (argv.includes('--json')) console.log(JSON.stringify(result, null, 2));
    else printMeasurement(result);
  } catch (err) {
    console.error((err as Error).message);
    process.exitCode = 1;
  }
}
