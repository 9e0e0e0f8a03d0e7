import { defineSmsProviderPlugin } from '@platform/sdk/messaging';
import { termiiSmsProvider } from './termii-sms-provider.ts';

export { termiiSmsProvider, termiiSmsConfig, type TermiiSmsConfig } from './termii-sms-provider.ts';
export { termiiSignature, isValidTermiiSignature } from './termii-signature.ts';

export default defineSmsProviderPlugin(termiiSmsProvider, { version: '0.1.0', kernel: '^0.1.0', description: 'SMS provider: Termii (/api/sms/send, signed delivery reports)' });
