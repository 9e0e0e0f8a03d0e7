import { HttpFlagClient, type HttpFlagClientOptions } from './http-flag-client.ts';
import { PlatformFlagProvider } from './server-provider.ts';

/**
 * The OpenFeature server provider for services outside the platform process: every resolution asks
 * the evaluate endpoint (cached with ETag revalidation, see {@link HttpFlagClient}) with an API key.
 *
 * ```ts
 * await OpenFeature.setProviderAndWait(new HttpFlagProvider({ baseUrl: 'https://platform.example.com', apiKey: process.env.PLATFORM_API_KEY }));
 * const theme = await OpenFeature.getClient().getStringValue('checkout.theme', 'classic', { targetingKey: userId, tenantId });
 * ```
 * Naming another tenant or user in the context needs a key allowed to act on behalf of others; with a
 * tenant's own key, leave them out (the key's tenant is used) or the answer is INVALID_CONTEXT.
 */
export class HttpFlagProvider extends PlatformFlagProvider {
  override readonly metadata = { name: 'platform-feature-flags-http' };

  constructor(options: HttpFlagClientOptions) {
    super(new HttpFlagClient(options));
  }
}
