// The plugin manifest (definePlugin) comes later; for now the package exposes the pure
// evaluation engine and the Unleash adapter.
export * from './engine/index.ts';
export * from './unleash/index.ts';
