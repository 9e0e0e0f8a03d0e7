/**
 * `@platform/testing`: what a plugin's tests take as a dev dependency. A real kernel with only your plugins on a
 * throw-away database (PGlite unless TEST_DATABASE_URL names a PostgreSQL server), local fake servers for the
 * services a plugin talks to, and a harness per extension point.
 */
export { createTestKernel, defaultTestDatabase, type TestKernel, type TestKernelOptions } from './test-kernel.ts';
export { startFakeHttpServer, type FakeHttpServer, type RecordedRequest, type FakeHandler, type TestClient, type Identity } from '@platform/core/testing';
export { startMonitorHarness, type MonitorHarness, type MonitorConfigOf, type TargetView } from './monitor-harness.ts';
export {
  expectDegradedBySpeed,
  expectHttpFailureModes,
  expectRejectedCredentials,
  expectSlowAnswerDegraded,
  expectTlsError,
  repointConfig,
  SLOW_CASE_DELAY_MS,
  SLOW_CASE_THRESHOLDS,
  startSlowProxy,
} from './monitor-failure-modes.ts';
export { selfSignedCertificate, startHttpsServer, type CertificatePair, type HttpsFakeServer } from './tls-fixture.ts';
export { deliverEachNotificationKind, type ChannelDelivery } from './alert-channel-harness.ts';
export { SECRET_MASK } from '@platform/sdk';
export { startFakeSmtpServer, type FakeSmtpServer, type FakeSmtpAnswer, type ReceivedMail } from './fake-smtp-server.ts';
export {
  contributedSmsProviders,
  describeSmsProviderContract,
  EXAMPLE_CALLBACK_URL,
  exampleSmsMessage,
  expectProviderFailure,
  neverAnswering,
  sendThroughFake,
  SMS_TIMEOUT_CASE_MS,
  type FakeSend,
  type SmsCallbackCase,
  type SmsProviderContract,
  type SmsProviderFakeApi,
} from './sms-provider-contract.ts';
export {
  callThroughFake,
  contributedPaymentProviders,
  describePaymentProviderContract,
  EXAMPLE_IDEMPOTENCY_KEY,
  exampleIdempotencyKey,
  EXAMPLE_WEBHOOK_URL,
  examplePaymentCharge,
  examplePaymentCustomer,
  examplePaymentRefund,
  PAYMENT_TIMEOUT_CASE_MS,
  type FakePaymentCall,
  type PaymentProviderContract,
  type PaymentProviderFakeApi,
  type PaymentWebhookCase,
} from './payment-provider-contract.ts';
export { contributedTo, forgeriesOf, refusedUrl, thrownBy, unavailableFake, withFakeApi } from './provider-contract-kit.ts';
