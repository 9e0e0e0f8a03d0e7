import { ProviderError, type ProviderFailureKind } from '@platform/sdk/messaging';
import { describeSmtpFailure, type SmtpFailureKind } from '@platform/sdk/smtp';

const KIND: Record<SmtpFailureKind, ProviderFailureKind> = { auth: 'auth', temporary: 'unavailable', permanent: 'rejected', timeout: 'timeout' };

/** A nodemailer error as a provider failure: refused login `auth`, 4xx or no connection `unavailable`, 5xx `rejected`. */
export function smtpProviderError(err: unknown): ProviderError {
  const failure = describeSmtpFailure(err);
  return new ProviderError(KIND[failure.kind], failure.detail, failure.replyCode);
}
