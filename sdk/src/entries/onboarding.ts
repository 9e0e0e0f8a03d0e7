/** `@platform/sdk/onboarding`: the onboarding wizard's step extension point (owned by the onboarding plugin). */
export * from '../onboarding.ts';
