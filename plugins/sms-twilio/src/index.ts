import { defineSmsProviderPlugin } from '@platform/sdk/messaging';
import { twilioSmsProvider } from './twilio-sms-provider.ts';

export { twilioSmsProvider, twilioSmsConfig, twilioAuthorization, type TwilioSmsConfig } from './twilio-sms-provider.ts';
export { twilioSignature, isValidTwilioSignature, signedUrlVariants } from './twilio-signature.ts';

export default defineSmsProviderPlugin(twilioSmsProvider, { version: '0.1.0', kernel: '^0.1.0', description: 'SMS provider: Twilio (Messages API, signed status callbacks)' });
