export { PlatformFlagProvider, flagContextFromOpenFeature } from './server-provider.ts';
