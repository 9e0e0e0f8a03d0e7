/** `@platform/sdk/maintenance`: the maintenance windows' contract (owned by the status plugin). */
export * from '../maintenance.ts';
