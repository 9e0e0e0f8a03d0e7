import { afterAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@platform/core';

/** The secrets key: PLATFORM_SECRET_KEY, or (embedded start) one generated once into the data folder. */
describe('secret key', () => {
  const dirs: string[] = [];
  const freshDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'secret-key-'));
    dirs.push(dir);
    return join(dir, 'data'); // not there yet, as on a first start
  };
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('is generated into the data folder on the first start and read back on the next', () => {
    const dataDir = freshDir();
    const file = join(dataDir, 'secret.key');
    expect(existsSync(file)).toBe(false);

    const first = loadConfig({}, { dataDir }).secretKey;
    expect(existsSync(file)).toBe(true);
    const stored = readFileSync(file, 'utf8');
    expect(stored.trim()).toMatch(/^[0-9a-f]{64}$/);
    expect(first).toHaveLength(32);
    expect(first.toString('hex')).toBe(stored.trim());
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);

    const second = loadConfig({}, { dataDir }).secretKey;
    expect(second.equals(first)).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(stored);

    // PLATFORM_DATA_DIR picks the folder the same way.
    expect(loadConfig({ PLATFORM_DATA_DIR: dataDir }).secretKey.equals(first)).toBe(true);
    // Another data folder gets its own key.
    expect(loadConfig({}, { dataDir: freshDir() }).secretKey.equals(first)).toBe(false);
  });

  it('takes PLATFORM_SECRET_KEY (hex or base64) over the file, and writes no file then', () => {
    const dataDir = freshDir();
    const generated = loadConfig({}, { dataDir }).secretKey;
    const chosen = randomBytes(32);

    const fromHex = loadConfig({ PLATFORM_SECRET_KEY: chosen.toString('hex') }, { dataDir }).secretKey;
    expect(fromHex.equals(chosen)).toBe(true);
    expect(fromHex.equals(generated)).toBe(false);
    expect(loadConfig({ PLATFORM_SECRET_KEY: chosen.toString('base64') }, { dataDir }).secretKey.equals(chosen)).toBe(true);
    // The generated file is left as it was.
    expect(readFileSync(join(dataDir, 'secret.key'), 'utf8').trim()).toBe(generated.toString('hex'));

    const untouched = freshDir();
    expect(loadConfig({ PLATFORM_SECRET_KEY: chosen.toString('hex') }, { dataDir: untouched }).secretKey.equals(chosen)).toBe(true);
    expect(existsSync(join(untouched, 'secret.key'))).toBe(false);
  });

  it('refuses a PLATFORM_SECRET_KEY that is not 32 bytes', () => {
    const dataDir = freshDir();
    expect(() => loadConfig({ PLATFORM_SECRET_KEY: randomBytes(16).toString('hex') }, { dataDir })).toThrow(/32 bytes/);
    expect(() => loadConfig({ PLATFORM_SECRET_KEY: randomBytes(31).toString('base64') }, { dataDir })).toThrow(/32 bytes/);
  });
});
