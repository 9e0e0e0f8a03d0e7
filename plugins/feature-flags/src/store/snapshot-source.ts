import type { Database } from '@platform/sdk';
import type { FlagCacheSource } from '../service/flag-cache.ts';
import { buildSnapshot } from './flag-snapshot.ts';
import { listFlags } from './flag-store.ts';
import { readFlagVersion } from './flag-version-store.ts';
import { liveOverrides } from './override-store.ts';

/** Loads snapshots from the database: the version first, then the rows (never older than the version). */
export function snapshotSource(db: Database): FlagCacheSource {
  return {
    async load(previous) {
      const version = await readFlagVersion(db);
      const [flags, overrides] = await Promise.all([listFlags(db), liveOverrides(db)]);
      return buildSnapshot(version, flags, overrides, previous);
    },
    readVersion: () => readFlagVersion(db),
  };
}
