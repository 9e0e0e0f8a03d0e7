// Does a `pnpm test <args>` invocation select any browser test? Only then is the console built first
// (the build costs over a minute; a plugin test does not need it).
// Vitest's positional arguments are filters: a file runs when its path contains one of them (a `:line` suffix
// names a line). No positional argument selects every file, browser tests included.
import { readdirSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';

/** Vitest flags that take the next argument as their value (so that value is not a file filter). */
const VALUE_FLAGS = new Set([
  '-t', '--testNamePattern', '--exclude', '--project', '--reporter', '-c', '--config', '-r', '--root', '--dir',
  '--shard', '--outputFile', '--pool', '--environment', '--maxWorkers', '--minWorkers', '--testTimeout',
  '--hookTimeout', '--retry', '--bail', '--mode', '--workspace', '--changed', '--sequence.seed', '--inspect-brk',
]);

/** The positional arguments of a vitest command line: the file filters. */
export function fileFilters(args) {
  const filters = [];
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    if (arg === '--') continue;
    if (arg.startsWith('-')) {
      if (!arg.includes('=') && VALUE_FLAGS.has(arg)) i += 1;
      continue;
    }
    filters.push(arg);
  }
  return filters;
}

/** The browser test files, relative to the repository root, with forward slashes. */
export function browserTestFiles(root) {
  return readdirSync(resolve(root, 'test/e2e'))
    .filter((name) => name.endsWith('.e2e.test.ts'))
    .map((name) => `test/e2e/${name}`);
}

/** True when the vitest arguments select at least one of `browserFiles` (paths relative to `root`). */
export function selectsBrowserTests(args, browserFiles, root) {
  const filters = fileFilters(args);
  if (filters.length === 0) return true;
  return filters.some((raw) => {
    let filter = raw.replace(/:\d+$/, '').replaceAll('\\', '/');
    if (isAbsolute(filter)) filter = relative(root, filter).replaceAll('\\', '/');
    filter = filter.replace(/^\.\//, '');
    if (filter === '' || filter === '.') return true;
    return browserFiles.some((file) => file.includes(filter) || `${root}/${file}`.includes(raw));
  });
}
