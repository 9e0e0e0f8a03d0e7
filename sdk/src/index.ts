export * from './plugin.ts';
export * from './context.ts';
export * from './events.ts';
export * from './problem.ts';
export * from './entity.ts';
export type { Static, TObject, TSchema } from '@sinclair/typebox';
export type { EntityManager } from '@mikro-orm/core';
