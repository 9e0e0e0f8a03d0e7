import pg from 'pg';
import { randomBytes } from 'node:crypto';

export const DEFAULT_TEST_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';

/** Creates an empty database on the test server; `drop()` removes it. */
export async function createTestDatabase(serverUrl = process.env.TEST_DATABASE_URL ?? DEFAULT_TEST_SERVER): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `platform_t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
