import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { join } from 'node:path';
import { sendProblem } from './problem-handler.ts';
import { consoleCacheControl } from './console-cache-control.ts';

/**
 * 404s are problem+json. When the built console is served at `/`, unknown non-API GETs fall back to its
 * index.html so client-side routes survive a reload.
 *
 * The build writes a `.br` and a `.gz` next to each text file worth compressing (vite-plugins/precompress.ts):
 * the one the client's `Accept-Encoding` prefers is sent (`Content-Encoding`, `Vary: Accept-Encoding`), else
 * the plain file. Hashed assets are cached for a year, the rest revalidated (consoleCacheControl).
 */
export async function installNotFound(app: FastifyInstance, dir: string | null): Promise<void> {
  if (dir) {
    await app.register(fastifyStatic, {
      root: dir,
      prefix: '/',
      wildcard: false,
      index: ['index.html'],
      preCompressed: true,
      // The compressed copies are representations of their file, not URLs of their own.
      globIgnore: ['**/*.br', '**/*.gz'],
      cacheControl: false,
      setHeaders: (reply, path) => {
        reply.header('cache-control', consoleCacheControl(dir, path));
      },
    });
  }
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0];
    if (dir && req.method === 'GET' && !path.startsWith('/api/') && !path.startsWith('/docs') && !/\.[a-z0-9]+$/i.test(path)) {
      return reply.type('text/html').sendFile('index.html', join(dir));
    }
    return sendProblem(reply, 404, 'route_not_found', `No route ${req.method} ${path}`);
  });
}
