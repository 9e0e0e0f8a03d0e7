// Moved to the published test kit: third-party monitor plugins use `@platform/testing` directly.
export * from '@platform/testing/monitor-failure-modes';
