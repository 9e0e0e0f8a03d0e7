/** `@platform/sdk/payments`: the payment provider extension point. */
export * from '../payments.ts';
export * from '../provider-plugin.ts';
