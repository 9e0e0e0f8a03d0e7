/** `@platform/sdk/alert-channels`: the alert channel extension point's contract (owned by the alerts plugin). */
export * from '../alert-channels.ts';
export * from '../alert-channel-plugin.ts';
