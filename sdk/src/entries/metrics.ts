/** `@platform/sdk/metrics`: the metrics capability's contract. */
export * from '../metrics.ts';
