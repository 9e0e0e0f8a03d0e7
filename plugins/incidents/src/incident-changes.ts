import type { Broadcast, EntityManager } from '@platform/sdk';

/** Broadcast channel: `{ ids }` of the incidents a committed transaction changed. */
export const INCIDENT_CHANGES_CHANNEL = 'incidents.changed';

export interface IncidentChangeMessage {
  ids: string[];
}

/**
 * Which incidents changed, told to every instance once the writing transaction commits, whoever wrote (a
 * request, a linked alert's event): the console's incident pages follow them over `GET /api/incidents/stream`.
 * Every change to an incident writes a timeline entry, so the timeline writer announces them.
 */
export class IncidentChanges {
  constructor(private readonly broadcast: Broadcast) {}

  async announce(em: EntityManager, ids: Iterable<string>): Promise<void> {
    const unique = [...new Set(ids)];
    if (unique.length) await this.broadcast.publish(INCIDENT_CHANGES_CHANNEL, { ids: unique } satisfies IncidentChangeMessage, em);
  }

  /** Runs `fn` with the ids of every announced change, on this instance; returns the unsubscribe function. */
  follow(fn: (ids: string[]) => void): () => void {
    return this.broadcast.subscribe(INCIDENT_CHANGES_CHANNEL, (payload) => {
      const ids = (payload as Partial<IncidentChangeMessage> | null)?.ids;
      if (Array.isArray(ids)) fn(ids.filter((id): id is string => typeof id === 'string'));
    });
  }
}
