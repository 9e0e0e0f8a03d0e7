// Peer for the kernel's uncached list: a bare Fastify with node-postgres running the same two SQL
// statements the kernel's list runs (the page and the count, with the same indexes, on the same
// database), and answering with the same rows and Content-Range. No authentication, no tenant lookup, no
// row-level security (it connects as the database owner).
// PEER_DATABASE_URL, PEER_TENANT_ID: the kernel bench server's database and tenant.
import Fastify from 'fastify';
import pg from 'pg';
import { answerBenchControl } from './server-control.ts';

// The kernel's ORM (MikroORM) reads dates and timestamps as PostgreSQL writes them (strings), so the peer does
// too: the two answer the same bytes (run.ts checks), and neither pays for Date objects.
const types = new pg.TypeOverrides();
for (const oid of [1082, 1114, 1184, 1186]) types.setTypeParser(oid, (text: string) => text);
// The kernel's pool holds at most 10 connections (core/src/db/orm.ts); so does the peer's.
const pool = new pg.Pool({ connectionString: process.env.PEER_DATABASE_URL, max: 10, types });
const tenantId = process.env.PEER_TENANT_ID;
const PAGE = 'SELECT * FROM "example_notes" WHERE "tenant_id" = $1 ORDER BY "created_at" DESC, "id" DESC LIMIT 25 OFFSET 0';
const COUNT = 'SELECT count(*)::int AS n FROM "example_notes" WHERE "tenant_id" = $1';

const app = Fastify({ logger: false });
app.get('/notes', async (_req, reply) => {
  const [page, count] = await Promise.all([pool.query({ name: 'page', text: PAGE, values: [tenantId] }), pool.query({ name: 'count', text: COUNT, values: [tenantId] })]);
  const rows = page.rows.map((row) => ({ id: row.id, tenantId: row.tenant_id, title: row.title, body: row.body, done: row.done, createdAt: row.created_at, updatedAt: row.updated_at }));
  reply.header('Content-Range', `notes 0-${rows.length - 1}/${count.rows[0].n}`);
  return rows;
});
const url = await app.listen({ port: 0, host: '127.0.0.1' });
process.send?.({ url });
answerBenchControl(async () => {
  await app.close();
  await pool.end();
});
