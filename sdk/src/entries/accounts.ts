/** `@platform/sdk/accounts`: user accounts and tenant provisioning, as plugins may use them (kernel-provided). */
export * from '../accounts.ts';
