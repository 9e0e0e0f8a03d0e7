import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * Counts the statements this process sends to PostgreSQL (BEGIN and COMMIT included) by wrapping node-postgres's
 * `Client.query` (every copy of `pg` in the workspace store: the ORM's and the kernel's), a load-independent
 * measure of the worker's cost per notification next to the noisy wall-clock throughput of a shared machine.
 */
export function countDatabaseStatements(): { count(): number } {
  let count = 0;
  const store = new URL('../../../node_modules/.pnpm/', import.meta.url);
  for (const dir of readdirSync(store).filter((d) => /^pg@\d/.test(d))) {
    const require = createRequire(new URL(`${dir}/node_modules/pg/package.json`, store));
    const { Client } = require('pg') as { Client: { prototype: { query: (...args: unknown[]) => unknown } } };
    const query = Client.prototype.query;
    Client.prototype.query = function countedQuery(this: unknown, ...args: unknown[]) {
      count += 1;
      return query.apply(this, args);
    };
  }
  return { count: () => count };
}
