/** `@platform/sdk/money`: integer minor units, ISO-4217 currencies, the rounding rule. */
export * from '../money.ts';
