/** `@platform/sdk/billing`: putting charges on a tenant's invoice. */
export * from '../billing.ts';
