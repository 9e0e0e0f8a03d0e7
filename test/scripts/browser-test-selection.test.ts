import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without types
import { browserTestFiles, fileFilters, selectsBrowserTests } from '../../scripts/browser-test-selection.mjs';

const root = resolve(import.meta.dirname, '../..');
const browser: string[] = browserTestFiles(root);
const selects = (...args: string[]): boolean => selectsBrowserTests(args, browser, root);

describe('pnpm test <args>: does the run need the console build?', () => {
  it('finds the browser test files', () => {
    expect(browser).toContain('test/e2e/console.e2e.test.ts');
  });

  it('no file filter runs everything, browser tests included', () => {
    expect(selects()).toBe(true);
    expect(selects('--reporter', 'dot')).toBe(true);
  });

  it('a plugin test, a directory outside test/e2e, or a name pattern value does not build the console', () => {
    expect(selects('plugins/monitor-stripe/test/stripe.test.ts')).toBe(false);
    expect(selects('./sdk/test', 'core/test/kernel.test.ts:12')).toBe(false);
    expect(selects('-t', 'console', 'plugins/health')).toBe(false);
    expect(selects(resolve(root, 'plugins/health/test'))).toBe(false);
  });

  it('a filter matching a browser test builds it', () => {
    expect(selects('test/e2e')).toBe(true);
    expect(selects('plugins/health', 'flags-console')).toBe(true);
    expect(selects(resolve(root, 'test/e2e/console.e2e.test.ts'))).toBe(true);
    expect(selects('.')).toBe(true);
  });

  it('skips the values of flags that take one', () => {
    expect(fileFilters(['--exclude', 'test/e2e/**', '-t', 'x', '--bail=1', 'a.test.ts'])).toEqual(['a.test.ts']);
  });
});
