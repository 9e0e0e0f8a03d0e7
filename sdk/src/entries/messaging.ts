/** `@platform/sdk/messaging`: the SMS and email provider extension points and the sending service (owned by the messaging plugin). */
export * from '../messaging.ts';
export * from '../messaging-provider-plugin.ts';
export * from '../email-address.ts';
export * from '../provider-plugin.ts';
