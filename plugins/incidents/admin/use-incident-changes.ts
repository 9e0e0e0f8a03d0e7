import { useEffect, useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';

/** What changed: these incidents, or `all` after the stream (re)connected and changes may have been missed. */
export type IncidentChange = string[] | 'all';

/**
 * Runs `onChange` whenever incidents change, whoever changed them (this page, another operator, a linked
 * alert): server-sent events from `GET /api/incidents/stream`. The browser reconnects by itself.
 */
export function useIncidentChanges(onChange: (change: IncidentChange) => void): void {
  const latest = useRef(onChange);
  latest.current = onChange;
  useEffect(() => {
    const source = new EventSource('/api/incidents/stream', { withCredentials: true });
    let connections = 0;
    source.addEventListener('ready', () => {
      connections += 1;
      if (connections > 1) latest.current('all');
    });
    source.addEventListener('changed', (event) => {
      try {
        const ids = (JSON.parse((event as MessageEvent<string>).data) as { ids?: unknown }).ids;
        if (Array.isArray(ids)) latest.current(ids.filter((id): id is string => typeof id === 'string'));
      } catch {
        /* not ours */
      }
    });
    return () => source.close();
  }, []);
}

/**
 * Re-reads the incidents resource (its list and records) when the incident `id` changes, or any incident
 * when no id is given.
 */
export function useFollowIncidents(resource: string, id?: string): void {
  const queryClient = useQueryClient();
  useIncidentChanges((change) => {
    if (change === 'all' || id === undefined || change.includes(id)) void queryClient.invalidateQueries({ queryKey: [resource] });
  });
}
