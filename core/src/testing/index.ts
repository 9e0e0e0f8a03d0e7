export { createTestKernel, type TestKernel, type TestKernelOptions, type TestClient, type Identity } from './test-kernel.ts';
export { startFakeHttpServer, type FakeHttpServer, type RecordedRequest, type FakeHandler } from './fake-http-server.ts';
export { createTestDatabase } from './test-database.ts';
