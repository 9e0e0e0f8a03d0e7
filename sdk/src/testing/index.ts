/**
 * Test helpers for plugins: boot a real kernel with only your plugins on a fresh PostgreSQL database,
 * and stand up local fake servers for the external services a plugin talks to.
 */
export { createTestKernel, type TestKernel, type TestKernelOptions, type TestClient, type Identity } from '@platform/core/testing';
export { startFakeHttpServer, type FakeHttpServer, type RecordedRequest, type FakeHandler } from '@platform/core/testing';
export { createTestDatabase } from '@platform/core/testing';
