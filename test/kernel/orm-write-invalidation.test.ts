import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type TestKernel } from '@platform/sdk/testing';
import example from '@platform/plugin-example';
import { OrmWriteInvalidation } from '../../core/src/db/orm-write-invalidation.ts';

/** The ORM's writes reach the read cache when they commit: not before, and not only via NOTIFY. */
describe('OrmWriteInvalidation on a real MikroORM', () => {
  let t: TestKernel;
  let tenantId: string;
  const told: string[][] = [];

  beforeAll(async () => {
    t = await createTestKernel({ plugins: [example] });
    tenantId = (await t.tenant('orm-writes')).id;
    t.kernel.orm.em.getEventManager().registerSubscriber(new OrmWriteInvalidation((tables) => told.push([...tables])));
  });
  afterAll(async () => t?.close());

  it('names the written table as soon as a flush outside a transaction has committed', async () => {
    told.length = 0;
    const em = t.kernel.orm.em.fork();
    em.create('ExampleNote', { tenantId, title: 'one', body: '', done: false });
    await em.flush();
    expect(told).toEqual([['example_notes']]);
  });

  it('waits for the surrounding transaction to commit', async () => {
    told.length = 0;
    await t.kernel.orm.em.fork().transactional(async (tx) => {
      tx.create('ExampleNote', { tenantId, title: 'two', body: '', done: false });
      await tx.flush();
      expect(told).toEqual([]);
    });
    expect(told).toEqual([['example_notes']]);
  });

  it('says nothing for a transaction that rolls back, or a flush with nothing to write', async () => {
    told.length = 0;
    await expect(
      t.kernel.orm.em.fork().transactional(async (tx) => {
        tx.create('ExampleNote', { tenantId, title: 'three', body: '', done: false });
        await tx.flush();
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    await t.kernel.orm.em.fork().flush();
    expect(told).toEqual([]);
  });
});
