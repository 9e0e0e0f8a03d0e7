/** `@platform/sdk/customer-health`: the health-score signal extension point (owned by the customer-success plugin). */
export * from '../customer-health.ts';
