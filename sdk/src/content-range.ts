import type { FastifyReply } from 'fastify';

/** `Content-Range: <resource> first-last/total`, what ra-data-simple-rest reads the total from (an empty page: `offset-offset/total`). */
export function contentRange(resource: string, offset: number, count: number, total: number): string {
  const end = count === 0 ? offset : offset + count - 1;
  return `${resource} ${offset}-${end}/${total}`;
}

/** Sets `Content-Range` for a page of `count` rows from `offset`, exposed to the browser. */
export function setContentRange(reply: FastifyReply, resource: string, offset: number, count: number, total: number): void {
  reply.header('Content-Range', contentRange(resource, offset, count, total));
  reply.header('Access-Control-Expose-Headers', 'Content-Range');
}
