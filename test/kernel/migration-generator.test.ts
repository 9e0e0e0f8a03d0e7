import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '@platform/sdk/testing';
import { createPluginMigration } from '../../core/src/db/migration-generator.ts';
import example from '@platform/plugin-example';
import { definePlugin, defineTenantEntity } from '@platform/sdk';

describe('migration:create <plugin>', () => {
  const dbs: { drop(): Promise<void> }[] = [];
  afterAll(async () => Promise.all(dbs.map((d) => d.drop())));

  it('finds nothing to do when a plugin migrations match its entities', async () => {
    const db = await createTestDatabase();
    dbs.push(db);
    const sql = await createPluginMigration('example', 'noop', { plugins: [example], databaseUrl: db.url, dataDir: mkdtempSync(join(tmpdir(), 'mig-')), dryRun: true });
    expect(sql).toBeNull();
  });

  it('writes the statements for a new column of that plugin only', async () => {
    const db = await createTestDatabase();
    dbs.push(db);
    const Wider = defineTenantEntity<any>({ name: 'ExampleNote', tableName: 'example_notes', properties: { title: { type: 'text' }, body: { type: 'text', default: '' }, done: { type: 'boolean', default: false }, priority: { type: 'integer', nullable: true } } });
    const changed = definePlugin({ ...example, entities: [Wider] });
    const sql = await createPluginMigration('example', 'priority', { plugins: [changed], databaseUrl: db.url, dataDir: mkdtempSync(join(tmpdir(), 'mig-')), dryRun: true });
    expect(sql).toMatch(/alter table "example_notes" add column "priority" int/);
    expect(sql).not.toMatch(/tenants|users|audit/);
  });
});
