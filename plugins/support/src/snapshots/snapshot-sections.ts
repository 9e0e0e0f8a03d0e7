/**
 * A debug snapshot: what staff need to see of a tenant at the moment a ticket is looked at. Each section is read
 * through the SDK contract of the plugin that owns it; a plugin that is not installed gives `unavailable`.
 */
export type SnapshotSection<T> =
  | { status: 'ok'; data: T }
  | { status: 'unavailable'; reason: string }
  | { status: 'failed'; error: string };

export interface SnapshotSections {
  health: SnapshotSection<unknown>;
  errors: SnapshotSection<unknown[]>;
  flags: SnapshotSection<{ userId: string | null; evaluations: { key: string; enabled: boolean; value: unknown; variant: string | null; reason: string; rule: string }[] }>;
  plan: SnapshotSection<{ plan: Record<string, unknown>; usage: unknown[] }>;
  audit: SnapshotSection<unknown[]>;
}

export const SNAPSHOT_SECTION_NAMES = ['health', 'errors', 'flags', 'plan', 'audit'] as const;
