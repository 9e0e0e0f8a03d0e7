// Moved to the published test kit: third-party monitor plugins use `@platform/testing` directly.
export { startMonitorHarness, type MonitorHarness, type MonitorConfigOf, type TargetView } from '@platform/testing';
