import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type TestClient, type TestKernel } from '@platform/sdk/testing';
import { createMessagingPlugin } from '../src/index.ts';
import { creditFixture } from './support/credit-fixture-plugin.ts';

/** The credit ledger on the embedded PostgreSQL (PGlite): migration, row lock, triggers. */
describe('SMS credit ledger on the embedded database', () => {
  let t: TestKernel;
  let shop: TestClient;
  beforeAll(async () => {
    t = await createTestKernel({ plugins: [createMessagingPlugin(), creditFixture], database: 'embedded' });
    shop = await t.signIn({ role: 'tenant_admin', tenant: 'embedded-shop' });
  });
  afterAll(async () => t?.close());

  it('reserves up to the balance, refuses the rest with 402 and stays append-only', async () => {
    await t.inject({ method: 'POST', url: `/api/messaging/credits/${shop.tenant!.id}/top-up`, payload: { amount: 3, reason: 'embedded' } });
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => shop.inject({ method: 'POST', url: '/api/credit-fixture/send', payload: { messageId: `e-${i}` } })));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 201, 201, 402, 402, 402]);
    expect((await shop.inject({ method: 'GET', url: '/api/messaging/my/credits' })).json()).toMatchObject({ balance: 0, total: 7 });
    await expect(t.sql('UPDATE messaging_credit_ledger SET amount = 5')).rejects.toThrow(/append-only/);
  });
});
