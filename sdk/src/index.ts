/**
 * `@platform/sdk`: the kernel's contract only: `definePlugin`, the plugin and request contexts, events, problems,
 * entities, the CRUD and list helpers. Each capability's contract is its own entry, so that it can grow without
 * touching this one: `@platform/sdk/monitors`, `/alert-channels`, `/alerts`, `/incidents`, `/maintenance`,
 * `/metrics`, `/feature-flags`, `/entitlements`.
 */
export * from './plugin.ts';
export * from './context.ts';
export * from './logger.ts';
export * from './events.ts';
export { matchesEventPattern } from './event-pattern.ts';
export * from './problem.ts';
export * from './entity.ts';
export type { Static, TObject, TSchema } from '@sinclair/typebox';
export type { EntityManager } from '@mikro-orm/core';
export * from './list-params.ts';
export * from './date-param.ts';
export * from './list-in-memory.ts';
export * from './content-range.ts';
export * from './csv-cell.ts';
export * from './sql-equals.ts';
export * from './event-stream.ts';
export * from './bounded-map.ts';
export * from './single-flight.ts';
export * from './refreshing-cache.ts';
export * from './tenant-plugins.ts';
export * from './tenant-nav-layout.ts';
export { isE164PhoneNumber } from './phone-number.ts';
export * from './tenant-lifecycle.ts';
export type * from './rate-limit-views.ts';
