/** `@platform/sdk/feature-flags`: the feature-flag capability's contract. */
export * from '../feature-flags.ts';
