import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definePlugin } from '@platform/sdk';
import { AUDIT_SUBJECT_KEYS, ERASED, type AuditSubjectKeys } from '@platform/sdk/data-protection';
import { createTestKernel, type TestKernel } from '@platform/sdk/testing';
import { revealAuditRows } from '../../core/src/audit/audit-reveal.ts';

/**
 * Crypto-shredding of the append-only audit trail (issue 19, item 2): personal values are sealed per subject, the
 * audit API opens them, destroying a subject's keys turns them into `[erased]` everywhere (copies included), and the
 * database still refuses UPDATE and DELETE on audit.
 */
const ANN = { email: 'ann.shred@example.com', name: 'Ann Shredder', password: 'ann-password-123' };
const BOB = { email: 'bob.keep@example.com', name: 'Bob Keeper', password: 'bob-password-123' };
const CONTACT = { contactEmail: 'carla.contact@example.com', contactName: 'Carla Contact' };

interface ApiAudit {
  id: string;
  action: string;
  actorLabel: string | null;
  actorId: string | null;
  targetId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

describe('audit crypto-shredding', () => {
  let t: TestKernel;
  let keys: AuditSubjectKeys | null = null;
  let recent: ((tenantId: string) => Promise<{ action: string; targetId: string | null; after: unknown }[]>) | null = null;
  let tenantId: string;
  let annId: string;
  let bobId: string;

  const audit = async (filter: Record<string, unknown> = {}): Promise<ApiAudit[]> => {
    const res = await t.inject({ url: `/api/audit?range=${encodeURIComponent('[0,999]')}&filter=${encodeURIComponent(JSON.stringify(filter))}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const rawAuditText = async () => (await t.sql<{ text: string }>(`SELECT coalesce(string_agg(a::text, E'\\n'), '') AS text FROM audit a`))[0].text;

  beforeAll(async () => {
    const probe = definePlugin({
      name: 'shred-probe',
      version: '0.1.0',
      kernel: '^0.1.0',
      boot(ctx) {
        keys = ctx.resolve<AuditSubjectKeys>(AUDIT_SUBJECT_KEYS);
        recent = (tenantId) => ctx.audit.recent({ tenantId, limit: 100 });
      },
    });
    t = await createTestKernel({ plugins: [probe], config: { tenantGraceDays: 0 } });
    const created = await t.inject({ method: 'POST', url: '/api/tenants', payload: { slug: 'shred-a', name: 'Shred A', ...CONTACT } });
    expect(created.statusCode, created.body).toBe(201);
    tenantId = created.json().id;
    for (const person of [ANN, BOB]) {
      const res = await t.inject({ method: 'POST', url: '/api/users', payload: { email: person.email, name: person.name, password: person.password, kind: 'tenant', tenantId, roles: ['tenant_admin'] } });
      expect(res.statusCode, res.body).toBe(201);
      if (person === ANN) annId = res.json().id;
      else bobId = res.json().id;
    }
    expect((await t.inject({ method: 'PATCH', url: `/api/users/${annId}`, payload: { name: `${ANN.name} Jr` } })).statusCode).toBe(200);
    // Ann acts herself (her email becomes the actor label) and someone mistypes her password.
    const login = await t.kernel.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: ANN.email, password: ANN.password } });
    expect(login.statusCode, login.body).toBe(200);
    const token = login.json().token as string;
    const nav = await t.kernel.app.inject({ method: 'POST', url: '/api/nav-overrides', headers: { authorization: `Bearer ${token}` }, payload: { itemId: 'kernel.dashboard', hidden: false, label: 'Home' } });
    expect(nav.statusCode, nav.body).toBeLessThan(300);
    expect((await t.kernel.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: ANN.email, password: 'wrong-password-1' } })).statusCode).toBe(401);
  }, 60_000);
  afterAll(async () => t?.close());

  it('stores no personal value in readable form in the audit table', async () => {
    const text = await rawAuditText();
    for (const secret of [ANN.email, ANN.name, BOB.email, BOB.name, CONTACT.contactEmail, CONTACT.contactName]) expect(text).not.toContain(secret);
    expect(text).toContain('shred:v1:');
    // What is not personal stays readable (and searchable): actions, targets, the tenant's slug.
    expect(text).toContain('user.created');
    expect(text).toContain('shred-a');
  });

  it('the audit API opens the values for readers', async () => {
    const rows = await audit();
    const annCreated = rows.find((r) => r.action === 'user.created' && r.targetId === annId)!;
    expect(annCreated.after).toMatchObject({ email: ANN.email, name: ANN.name });
    const renamed = rows.find((r) => r.action === 'user.updated' && r.targetId === annId)!;
    expect(renamed.before).toMatchObject({ name: ANN.name });
    expect(renamed.after).toMatchObject({ name: `${ANN.name} Jr` });
    expect(rows.find((r) => r.action === 'nav.override_saved')!.actorLabel).toBe(ANN.email);
    expect(rows.filter((r) => r.action === 'auth.login_failed').map((r) => r.actorLabel)).toEqual([ANN.email]);
    expect(rows.find((r) => r.action === 'tenant.created')!.after).toMatchObject(CONTACT);
    const csv = await t.inject({ url: '/api/audit/export.csv' });
    expect(csv.body).toContain(ANN.email);
    // Plugins reading recent entries (support snapshots) get them opened too.
    const seen = (await recent!(tenantId)).find((r) => r.action === 'user.created' && r.targetId === annId)!;
    expect(seen.after).toMatchObject({ email: ANN.email });
  });

  it('destroying a subject\'s keys erases their values everywhere, a copy taken before included, and nobody else\'s', async () => {
    const copy = await t.sql<{ actor_label: string | null; before: unknown; after: unknown; action: string; target_id: string | null }>('SELECT * FROM audit ORDER BY id');
    expect(await keys!.count([{ kind: 'email', value: ANN.email.toUpperCase() }, { kind: 'user_id', value: annId }], { tenantId })).toBeGreaterThan(0);
    const destroyed = await keys!.destroy([{ kind: 'email', value: ` ${ANN.email.toUpperCase()} ` }, { kind: 'user_id', value: annId }], { tenantId });
    expect(destroyed).toBeGreaterThan(0);
    expect(await keys!.count([{ kind: 'email', value: ANN.email }], { tenantId })).toBe(0);

    const rows = await audit();
    const annCreated = rows.find((r) => r.action === 'user.created' && r.targetId === annId)!;
    expect(annCreated.after).toMatchObject({ email: ERASED, name: ERASED, kind: 'tenant' });
    const renamed = rows.find((r) => r.action === 'user.updated' && r.targetId === annId)!;
    expect(renamed.after).toMatchObject({ name: ERASED });
    expect(rows.find((r) => r.action === 'nav.override_saved')!.actorLabel).toBe(ERASED);
    expect(rows.filter((r) => r.action === 'auth.login_failed').map((r) => r.actorLabel)).toEqual([ERASED]);
    expect(JSON.stringify(rows)).not.toContain(ANN.email);
    expect(JSON.stringify(rows)).not.toContain(ANN.name);
    // Others stay readable.
    expect(rows.find((r) => r.action === 'user.created' && r.targetId === bobId)!.after).toMatchObject({ email: BOB.email, name: BOB.name });
    expect(rows.find((r) => r.action === 'tenant.created')!.after).toMatchObject(CONTACT);
    expect((await t.inject({ url: '/api/audit/export.csv' })).body).not.toContain(ANN.email);
    expect((await recent!(tenantId)).find((r) => r.action === 'user.created' && r.targetId === annId)!.after).toMatchObject({ email: ERASED });

    // The copy (a backup of the rows) holds the same sealed values: its keys are gone too.
    const revealed = await revealAuditRows(copy, t.kernel.services.auditKeys);
    const text = JSON.stringify(revealed);
    expect(text).not.toContain(ANN.email);
    expect(text).toContain(BOB.email);
  });

  it('keeps the audit append-only: UPDATE, DELETE and TRUNCATE are still refused, and a destroyed key cannot be revived', async () => {
    await expect(t.sql(`UPDATE audit SET actor_label = NULL`)).rejects.toThrow(/append-only/);
    await expect(t.sql(`UPDATE audit SET after = NULL WHERE action = 'user.created'`)).rejects.toThrow(/append-only/);
    await expect(t.sql('DELETE FROM audit')).rejects.toThrow(/append-only/);
    await expect(t.sql('TRUNCATE audit')).rejects.toThrow(/append-only/);
    await expect(t.sql(`UPDATE audit_subject_keys SET wrapped_key = 'x', destroyed_at = NULL WHERE destroyed_at IS NOT NULL`)).rejects.toThrow(/destroyed/);
  });

  it('new entries about an erased person get a fresh key (the old values stay erased)', async () => {
    const again = await t.inject({ method: 'PATCH', url: `/api/users/${annId}`, payload: { name: 'Ann Renamed' } });
    expect(again.statusCode).toBe(200);
    const rows = await audit({ action: 'user.updated', targetId: annId });
    expect(rows.map((r) => r.after?.name)).toEqual(['Ann Renamed', ERASED]);
  });

  it('a tampered sealed value reads as erased, never as an error', async () => {
    const [row] = await t.sql<{ after: Record<string, unknown> }>(`SELECT after FROM audit WHERE action = 'user.created' AND target_id = $1`, [bobId]);
    const sealed = String(row.after.email);
    const flipped = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'B' : 'A') + sealed.slice(-1);
    const [open] = await revealAuditRows([{ actor_label: null, before: null, after: { email: flipped } }], t.kernel.services.auditKeys);
    expect(open.after).toEqual({ email: ERASED });
  });

  it('purging a tenant destroys the keys of its audit rows: its contact becomes erased, the rows stay', async () => {
    const before = (await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM audit'))[0].n;
    expect((await t.inject({ method: 'DELETE', url: `/api/tenants/${tenantId}`, payload: { reason: 'closing' } })).statusCode).toBe(200);
    expect((await t.inject({ method: 'POST', url: `/api/tenants/${tenantId}/purge` })).statusCode).toBeLessThan(300);
    const rows = await audit({ tenantId });
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.find((r) => r.action === 'tenant.created')!.after).toMatchObject({ contactEmail: ERASED, contactName: ERASED, slug: 'shred-a' });
    expect(rows.find((r) => r.action === 'tenant.purged')!.before).toMatchObject({ contactEmail: ERASED });
    expect(JSON.stringify(rows)).not.toContain(BOB.email);
    expect((await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM audit'))[0].n).toBeGreaterThan(before);
  });
});
