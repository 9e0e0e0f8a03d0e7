import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_NAV_ICONS } from '@platform/sdk/admin';
import { apiKeyStatus } from '../src/kernel/api-keys/status.ts';
import { formatDuration, formatEvery, groupPermissions, relativeTime, slugify, SLUG_PATTERN } from '../src/kernel/format.ts';
import { buildNavCatalog } from '../src/kernel/nav-overrides/navCatalog.ts';
import { SECRET_MASK, settingsFields, settingsPatch } from '../src/kernel/plugins/settingsModel.ts';
import { lifecycleActionsFor } from '../src/kernel/tenants/lifecycle.ts';

describe('tenant lifecycle buttons', () => {
  it('follow the status', () => {
    expect(lifecycleActionsFor('active')).toEqual(['suspend', 'delete']);
    expect(lifecycleActionsFor('suspended')).toEqual(['activate', 'delete']);
    expect(lifecycleActionsFor('deleted')).toEqual(['restore']);
    expect(lifecycleActionsFor(undefined)).toEqual([]);
  });
});

describe('formatting', () => {
  it('durations, schedules, relative times', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(42)).toBe('42 ms');
    expect(formatDuration(1500)).toBe('1.5 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
    expect(formatEvery(60)).toBe('every minute');
    expect(formatEvery(300)).toBe('every 5 min');
    expect(formatEvery(7200)).toBe('every 2 h');
    expect(formatEvery(null, '0 3 * * *')).toBe('cron 0 3 * * *');
    const now = Date.parse('2025-01-01T12:00:00Z');
    expect(relativeTime('2025-01-01T11:55:00Z', now)).toBe('5 minutes ago');
    expect(relativeTime(null, now)).toBe('never');
  });

  it('slugs follow the kernel rule', () => {
    expect(slugify('Acme Corp!')).toBe('acme-corp');
    expect(slugify('  Ünïcode — Co. ')).toBe('unicode-co');
    expect(SLUG_PATTERN.test(slugify('x'.repeat(80)))).toBe(true);
  });

  it('groups permissions by plugin, kernel first', () => {
    const groups = groupPermissions([
      { key: 'zeta.read', plugin: 'zeta' },
      { key: 'users.write', plugin: 'kernel' },
      { key: 'audit.read', plugin: 'kernel' },
      { key: 'alpha.read', plugin: 'alpha' },
    ]);
    expect(groups.map((g) => g.plugin)).toEqual(['kernel', 'alpha', 'zeta']);
    expect(groups[0].items.map((i) => i.key)).toEqual(['audit.read', 'users.write']);
  });

  it('API key status', () => {
    expect(apiKeyStatus({ revokedAt: '2024-01-01', expiresAt: null })).toBe('revoked');
    expect(apiKeyStatus({ revokedAt: null, expiresAt: '2000-01-01T00:00:00Z' })).toBe('expired');
    expect(apiKeyStatus({ revokedAt: null, expiresAt: null })).toBe('active');
  });
});

describe('navigation overrides catalog', () => {
  it('merges registered items, the resolved nav and overrides of hidden items', () => {
    const rows = buildNavCatalog(
      { sections: [{ id: 'platform', label: 'Platform', items: [{ id: 'kernel.tenants', label: 'Customers', path: '/tenants', icon: 'Business', order: 5, plugin: 'kernel' }] }] },
      [
        { id: 'kernel.tenants', label: 'Tenants', path: '/tenants', section: 'platform', order: 10, plugin: 'kernel' },
        { id: 'example.notes', label: 'Notes', path: '/example-notes', section: 'operations', order: 50, plugin: 'example' },
      ],
      [
        { id: 'o1', itemId: 'kernel.tenants', hidden: false, label: 'Customers', order: 5 },
        { id: 'o2', itemId: 'example.notes', hidden: true, label: null, order: null },
      ],
    );
    expect(rows.map((r) => [r.itemId, r.defaultLabel, r.visible, r.override?.id])).toEqual([
      ['kernel.tenants', 'Tenants', true, 'o1'],
      ['example.notes', 'Notes', false, 'o2'],
    ]);
  });
});

describe('plugin settings form', () => {
  it('derives fields from the schema and sends only changes, never the mask', () => {
    const schema = {
      type: 'object',
      properties: {
        greeting: { type: 'string', default: 'hello' },
        apiToken: { type: 'string', 'x-secret': true },
        retries: { type: 'integer' },
        mode: { anyOf: [{ const: 'fast' }, { const: 'safe' }] },
      },
    };
    const values = { greeting: 'hi', apiToken: SECRET_MASK, retries: 3 };
    const fields = settingsFields(schema, values);
    expect(fields.map((f) => [f.key, f.kind, f.secret])).toEqual([
      ['greeting', 'string', false],
      ['apiToken', 'string', true],
      ['retries', 'integer', false],
      ['mode', 'enum', false],
    ]);
    expect(fields[0].label).toBe('Greeting');
    expect(settingsPatch({ ...values, greeting: 'hey' }, values)).toEqual({ greeting: 'hey' });
    expect(settingsPatch({ ...values, apiToken: 's3cret' }, values)).toEqual({ apiToken: 's3cret' });
  });
});

describe('nav icons', () => {
  it('the console renders every icon the SDK promises', () => {
    const source = readFileSync(new URL('../src/nav/icons.ts', import.meta.url), 'utf8');
    for (const name of BUILT_IN_NAV_ICONS) expect(source).toContain(`  ${name}: ${name}Icon,`);
  });
});
