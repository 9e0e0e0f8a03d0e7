/** `@platform/sdk/data-protection`: data declarations. */
export * from '../data-protection.ts';
