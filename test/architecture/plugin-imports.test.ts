import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p));
    else if (/\.(ts|tsx|mts|js|mjs)$/.test(name)) out.push(p);
  }
  return out;
}

/** Finds imports of kernel internals: `@platform/core` or a relative path into core/. */
export function kernelImportsIn(file: string, text: string): string[] {
  const found: string[] = [];
  const re = /(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"]([^'"]+)['"]/g;
  for (const m of text.matchAll(re)) {
    const spec = m[1];
    if (spec === '@platform/core' || spec.startsWith('@platform/core/')) found.push(spec);
    else if (spec.startsWith('.') && /(^|\/)core\/src\//.test(join(file, '..', spec).replace(/\\/g, '/').replace(root, ''))) found.push(spec);
  }
  return found;
}

describe('plugins import only @platform/sdk', () => {
  it('detects a kernel import (the check can fail)', () => {
    expect(kernelImportsIn(join(root, 'plugins/x/src/a.ts'), "import { createKernel } from '@platform/core';")).toEqual(['@platform/core']);
    expect(kernelImportsIn(join(root, 'plugins/x/src/a.ts'), "import x from '../../../core/src/kernel.ts';")).toHaveLength(1);
    expect(kernelImportsIn(join(root, 'plugins/x/src/a.ts'), "import { definePlugin } from '@platform/sdk';")).toEqual([]);
  });

  it('no plugin (first-party or fixture) imports the kernel', () => {
    const dirs = [join(root, 'plugins'), join(root, 'test/fixtures')].filter((d) => {
      try {
        return statSync(d).isDirectory();
      } catch {
        return false;
      }
    });
    const offenders: string[] = [];
    for (const dir of dirs) {
      for (const file of sourceFiles(dir)) {
        const hits = kernelImportsIn(file, readFileSync(file, 'utf8'));
        if (hits.length) offenders.push(`${relative(root, file)}: ${hits.join(', ')}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
