import { Readable } from 'node:stream';
import type { EntityManager } from '@mikro-orm/core';
import { isServerClient } from './row-scope.ts';
import { withRawConnection } from './orm.ts';

/** Rows are handed on in batches of about this many bytes: one stream chunk per row would cost more than the row. */
const BATCH_BYTES = 64 * 1024;

interface PgConnection {
  query(text: string): void;
  stream: { pause(): void; resume(): void };
}

/**
 * `COPY (...) TO STDOUT` as a node-postgres submittable: the server's CopyData messages are read straight into a
 * byte stream, batched, with backpressure (the socket is paused while the reader is behind). Destroyed early, it
 * keeps reading and throws the rest away until the server is done, so the connection stays usable (a transaction
 * it runs in can still roll back).
 */
class CopyOutQuery extends Readable {
  private connection: PgConnection | null = null;
  private batch = Buffer.allocUnsafe(BATCH_BYTES * 2);
  private batchBytes = 0;
  private discarding = false;
  /** Settles when the server has finished the statement (successfully or not): the connection is free again. */
  readonly done: Promise<void>;
  private settle!: () => void;
  callback?: (err: Error | null) => void;

  constructor(readonly text: string) {
    super({ highWaterMark: 4 * BATCH_BYTES });
    this.done = new Promise((resolve) => (this.settle = resolve));
  }

  submit(connection: PgConnection): void {
    this.connection = connection;
    connection.query(this.text);
  }

  handleCopyData(msg: { chunk: Buffer }): void {
    if (this.discarding) return;
    // The parser reuses its buffer: the row's bytes are copied out at once.
    const row = msg.chunk;
    if (this.batchBytes + row.length > this.batch.length) this.pushBatch();
    if (row.length > this.batch.length) {
      if (!this.push(Buffer.from(row))) this.connection?.stream.pause();
      return;
    }
    this.batchBytes += row.copy(this.batch, this.batchBytes);
    if (this.batchBytes >= BATCH_BYTES) this.pushBatch();
  }

  private pushBatch(): void {
    if (this.batchBytes === 0) return;
    const bytes = this.batch.subarray(0, this.batchBytes);
    this.batch = Buffer.allocUnsafe(BATCH_BYTES * 2);
    this.batchBytes = 0;
    if (!this.push(bytes)) this.connection?.stream.pause();
  }

  override _read(): void {
    this.connection?.stream.resume();
  }

  override _destroy(err: Error | null, cb: (err: Error | null) => void): void {
    this.discarding = true;
    this.batchBytes = 0;
    this.connection?.stream.resume();
    cb(err);
  }

  handleRowDescription(): void {}
  handleDataRow(): void {}
  handlePortalSuspended(): void {}
  handleEmptyQuery(): void {}
  handleCommandComplete(): void {
    if (this.discarding) return;
    this.pushBatch();
  }

  handleReadyForQuery(): void {
    this.connection?.stream.resume();
    if (!this.discarding) this.push(null);
    this.callback?.(null);
    this.settle();
  }

  handleError(err: Error): void {
    this.connection?.stream.resume();
    this.destroy(err);
    this.callback?.(err);
    this.settle();
  }
}

/** PostgreSQL COPY text escaping of one field (what the server does for a text column). */
function copyTextField(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  const s = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return s.replace(/[\\\n\r\t\b\f\v]/g, (c) => ({ '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f', '\v': '\\v' })[c]!);
}

/**
 * The rows of `select` in PostgreSQL's COPY text format (a line per row, fields separated by tabs), as a byte stream
 * read through `em`'s connection (inside its transaction when it has one). On a server this is `COPY (select) TO
 * STDOUT`: rows are never materialised as objects, and memory stays flat whatever the size. The embedded database
 * (PGlite) has no COPY to a client: the rows are read in one query and written in the same format.
 */
export function copyOut(em: EntityManager, select: string): Readable {
  const query = new CopyOutQuery(`COPY (${select}) TO STDOUT`);
  void withRawConnection(em, async (conn) => {
    if (isServerClient(conn)) {
      (conn as unknown as { query(q: unknown): void }).query(query);
      return query.done;
    }
    // Every column as the text its output function writes, as COPY has it: PGlite's parsers (arrays into JavaScript
    // arrays, json into objects, dates...) are each replaced by one that keeps the text.
    const embedded = conn as { parsers?: Record<string, unknown>; query(text: string, params: unknown[], options: object): Promise<{ rows: unknown[][] }> };
    const asText = Object.fromEntries(Object.keys(embedded.parsers ?? {}).map((oid) => [oid, (text: string) => text]));
    const res = await embedded.query(select, [], { rowMode: 'array', parsers: asText });
    for (let i = 0; i < res.rows.length; i += 1000) {
      query.push(Buffer.from(res.rows.slice(i, i + 1000).map((r) => `${r.map(copyTextField).join('\t')}\n`).join('')));
    }
    query.push(null);
  }).catch((err: Error) => query.destroy(err));
  return query;
}
