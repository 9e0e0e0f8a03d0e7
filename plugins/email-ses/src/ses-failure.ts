import { ProviderError } from '@platform/sdk/messaging';

/** Credentials or account refused: fail over, and the operator must act. */
const AUTH = new Set([
  'InvalidClientTokenId', 'UnrecognizedClientException', 'SignatureDoesNotMatch', 'AccessDeniedException', 'IncompleteSignature',
  'MissingAuthenticationToken', 'ExpiredToken', 'ExpiredTokenException', 'AccountSuspendedException', 'SendingPausedException',
]);
/** SES is busy or down: fail over. */
const UNAVAILABLE = new Set(['Throttling', 'ThrottlingException', 'TooManyRequestsException', 'LimitExceededException', 'ServiceUnavailable', 'InternalFailure']);

interface AwsError {
  name?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

/**
 * An AWS SDK error as a provider failure: 401/403 and the credential errors `auth`, throttling and 5xx
 * `unavailable`, `MessageRejected` and other 4xx `rejected`. An error without an HTTP answer (network, abort)
 * is returned as is, for the attempt runner to read as `unavailable` or `timeout`.
 */
export function sesProviderError(err: unknown): unknown {
  const e = err as AwsError;
  const status = e?.$metadata?.httpStatusCode;
  if (status === undefined || !e.name) return err;
  const message = `${e.name}: ${String(e.message ?? '').slice(0, 300)}`;
  if (AUTH.has(e.name) || status === 401 || status === 403) return new ProviderError('auth', message, status, e.name);
  if (UNAVAILABLE.has(e.name) || status === 429 || status >= 500) return new ProviderError('unavailable', message, status, e.name);
  return new ProviderError('rejected', message, status, e.name);
}
