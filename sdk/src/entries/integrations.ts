/** `@platform/sdk/integrations`: the integration-type extension point of the marketplace's integrations catalog. */
export * from '../integrations.ts';
