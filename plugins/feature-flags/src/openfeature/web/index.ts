// `@platform/plugin-feature-flags/openfeature/web`: the OpenFeature web provider fed by the flag stream.
// Browser-safe: it imports no Node module (fetch, TextDecoder, AbortController only).
export { PlatformWebFlagProvider, type WebFlagProviderOptions } from './web-provider.ts';
export { FlagStreamConnection, type FlagStreamPayload } from './flag-stream-connection.ts';
export { ServerSentEventParser, type ServerSentEvent } from './server-sent-events.ts';
export { changedFlagKeys } from './changed-flag-keys.ts';
export { streamUrlOf } from './stream-url.ts';
