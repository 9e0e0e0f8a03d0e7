// `@platform/plugin-feature-flags/openfeature`: OpenFeature server providers (Node).
// The browser provider fed by the stream is `@platform/plugin-feature-flags/openfeature/web`.
export { PlatformFlagProvider } from './server-provider.ts';
export { HttpFlagProvider } from './http-flag-provider.ts';
export { HttpFlagClient, type HttpFlagClientOptions } from './http-flag-client.ts';
export { flagContextFromOpenFeature } from './flag-context.ts';
export { resolutionOf, type FlagKind } from './resolution-details.ts';
