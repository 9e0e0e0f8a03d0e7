import { Type, type Static } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProblemError } from '@platform/sdk';
import { contentRange } from '../http/list-query.ts';
import type { PluginRouteCollector } from '../http/route-registrar.ts';
import type { KernelServices } from './kernel-services.ts';

const tags = ['jobs'];
const NameParams = Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }) });

/** Dead letters are paged with `limit`/`offset`; without them the first 100 are returned, as before paging existed. */
const DEAD_LETTER_PAGE = 100;
const DeadLetterQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 2_147_483_647 })),
  subscriber: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
});

export function jobRoutes(r: PluginRouteCollector, s: KernelServices): void {
  r.add({
    method: 'GET', url: '/jobs', permission: 'jobs.read', tenantScoped: false,
    schema: { tags, summary: 'Declared jobs with their last run' },
    async handler(_req: FastifyRequest, reply: FastifyReply) {
      const jobs = (await s.jobs.listJobs()).map((j: any) => ({ id: j.name, ...j }));
      reply.header('Content-Range', `jobs 0-${Math.max(jobs.length - 1, 0)}/${jobs.length}`);
      return jobs;
    },
  });

  r.add({
    method: 'GET', url: '/jobs/:name/runs', permission: 'jobs.read', tenantScoped: false,
    schema: { tags, summary: 'Recent runs of one job', params: NameParams, querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })) }) },
    handler: async (req: FastifyRequest<{ Params: { name: string }; Querystring: { limit?: number } }>) => s.jobs.listRuns(req.params.name, req.query.limit ?? 50),
  });

  r.add({
    method: 'POST', url: '/jobs/:name/run', permission: 'jobs.run', tenantScoped: false,
    schema: { tags, summary: 'Run a job now', params: NameParams },
    async handler(req: FastifyRequest<{ Params: { name: string } }>, reply: FastifyReply) {
      if (!(await s.jobs.listJobs()).some((j) => j.name === req.params.name))
        throw new ProblemError(404, 'job_not_found', `No job "${req.params.name}"`, { field: 'name' });
      await req.ctx.audit({ action: 'job.run_requested', tenantId: null, targetType: 'job', targetId: req.params.name });
      // The run is recorded either way; a failing handler is an outcome to show, not a server error.
      let error: string | null = null;
      try {
        await s.jobs.runNow(req.params.name);
      } catch (err) {
        error = (err as Error).message;
      }
      reply.status(200);
      return { job: req.params.name, outcome: error ? 'failed' : 'succeeded', error };
    },
  });

  r.add({
    method: 'GET', url: '/events/dead-letters', permission: 'events.read', tenantScoped: false,
    schema: { tags: ['events'], summary: 'Event deliveries that exhausted their retries, newest first (Content-Range gives the total)', querystring: DeadLetterQuery },
    async handler(req: FastifyRequest<{ Querystring: Static<typeof DeadLetterQuery> }>, reply: FastifyReply) {
      const { limit = DEAD_LETTER_PAGE, offset = 0, subscriber } = req.query;
      // One after the other: the embedded database has a single session.
      const rows = await s.events.listDeadLetters({ subscriber, limit, offset });
      const total = await s.events.countDeadLetters({ subscriber });
      reply.header('Content-Range', contentRange('dead-letters', offset, rows.length, total));
      return rows;
    },
  });

  r.add({
    method: 'POST', url: '/events/dead-letters/:eventId/:subscriber/retry', permission: 'events.retry', tenantScoped: false,
    schema: { tags: ['events'], summary: 'Deliver a dead-lettered event again', params: Type.Object({ eventId: Type.String({ pattern: '^[0-9]{1,18}$' }), subscriber: Type.String({ minLength: 1, maxLength: 200 }) }) },
    async handler(req: FastifyRequest<{ Params: { eventId: string; subscriber: string } }>) {
      const { eventId, subscriber } = req.params;
      if (!(await s.events.retryDeadLetter(eventId, subscriber)))
        throw new ProblemError(404, 'dead_letter_not_found', `Event ${eventId} has no dead delivery to "${subscriber}" (already retried?)`, { field: 'eventId' });
      await req.ctx.audit({ action: 'event.retry_requested', tenantId: null, targetType: 'event', targetId: `${eventId}/${subscriber}` });
      return { retried: true };
    },
  });
}
