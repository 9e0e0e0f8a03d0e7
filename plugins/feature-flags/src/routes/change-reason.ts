import { problems, type PlatformRequest } from '@platform/sdk';

/**
 * The reason of a change that has no body schema of its own (DELETE): `reason` in the body, the
 * `reason` query parameter or the `X-Change-Reason` header. Missing: 400 naming `reason`.
 */
export function reasonOf(req: PlatformRequest): string {
  const body = req.body as { reason?: unknown } | undefined;
  const query = req.query as { reason?: unknown } | undefined;
  const header = req.headers['x-change-reason'];
  const raw = body?.reason ?? query?.reason ?? (typeof header === 'string' ? header : undefined);
  if (typeof raw !== 'string' || raw.trim() === '') throw problems.validation('reason', 'Every change needs a reason (body, ?reason= or X-Change-Reason)');
  if (raw.length > 2000) throw problems.validation('reason', 'reason is at most 2000 characters');
  return raw.trim();
}
