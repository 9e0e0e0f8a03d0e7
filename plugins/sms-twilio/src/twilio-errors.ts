import { classifyProviderStatus, ProviderError, type ProviderFailureKind } from '@platform/sdk/messaging';

/** Twilio's REST error body: `{ code, message, more_info, status }`. */
export interface TwilioErrorBody {
  code?: number;
  message?: string;
  more_info?: string;
  status?: number;
}

/**
 * Error codes that are about this configuration (its sender, messaging service, account or trial limits),
 * not about the recipient: another provider may well deliver, so they fail over (`auth`: "tell the operator").
 * https://www.twilio.com/docs/api/errors
 */
const CONFIGURATION_CODES = new Set([
  20003, // authentication failed
  20404, // resource not found (wrong account SID for these credentials)
  21212, // invalid 'From' number
  21408, // permission to send an SMS to this region has not been enabled (geo permissions)
  21606, // 'From' is not a valid, SMS-capable number for this account
  21608, // trial account: the 'To' number is not verified
  21659, // 'From' is not a Twilio phone number or short code
  21660, // mismatch between 'From' and the account
  21701, // messaging service not found
  21703, // messaging service has no phone numbers in its sender pool
  21704, // messaging service has no senders
  21705, // messaging service invalid
  30002, // account suspended
]);

/** Codes that mean "try again / elsewhere": rate limits and Twilio-side outages. */
const UNAVAILABLE_CODES = new Set([
  20429, // too many requests
  20500, // internal server error
  20503, // service unavailable
  30001, // queue overflow
]);

/** What a Twilio error means for failover: its code first, then its HTTP status. */
export function classifyTwilioError(status: number, code: number | undefined): ProviderFailureKind {
  if (code !== undefined && CONFIGURATION_CODES.has(code)) return 'auth';
  if (code !== undefined && UNAVAILABLE_CODES.has(code)) return 'unavailable';
  return classifyProviderStatus(status);
}

/** A {@link ProviderError} from a non-2xx Twilio answer: `HTTP 400: Twilio 21211: The 'To' number ... is not valid`. */
export async function twilioErrorFromResponse(response: Response): Promise<ProviderError> {
  const text = await response.text().catch(() => '');
  let body: TwilioErrorBody = {};
  try {
    const parsed = JSON.parse(text) as unknown;
    if (parsed && typeof parsed === 'object') body = parsed as TwilioErrorBody;
  } catch {
    // Not JSON (a proxy's error page): the status decides.
  }
  const code = typeof body.code === 'number' ? body.code : undefined;
  const detail = code !== undefined ? `Twilio ${code}: ${body.message ?? ''}`.trim() : text.slice(0, 300);
  return new ProviderError(classifyTwilioError(response.status, code), `HTTP ${response.status}${detail ? `: ${detail}` : ''}`, response.status, code === undefined ? undefined : String(code));
}
