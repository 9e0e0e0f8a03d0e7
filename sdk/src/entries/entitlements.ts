/** `@platform/sdk/entitlements`: the entitlements (plans) capability's contract. */
export * from '../entitlements.ts';
