import type { QueryClient } from '@tanstack/react-query';
import { invalidateSession } from '../api/session.ts';

/**
 * After anything that changes what the nav API answers (tenant switch, plugin enabled, nav override):
 * reload the session (menu, resources, plugin entries) and every list on screen.
 */
export async function refreshConsole(queryClient: QueryClient, opts: { data?: boolean } = {}): Promise<void> {
  invalidateSession();
  await queryClient.invalidateQueries({ queryKey: ['auth'] });
  if (opts.data !== false) await queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'auth' });
}
