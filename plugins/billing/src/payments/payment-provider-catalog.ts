import type { ExtensionRegistry } from '@platform/sdk';
import { PAYMENT_PROVIDERS, type PaymentProviderDefinition } from '@platform/sdk/payments';

/** The payment providers contributed by provider plugins (read live). */
export class PaymentProviderCatalog {
  constructor(private readonly extensions: Pick<ExtensionRegistry, 'get'>) {}

  all(): PaymentProviderDefinition<any>[] {
    return this.extensions.get(PAYMENT_PROVIDERS).map((r) => r.provider);
  }

  find(id: string): PaymentProviderDefinition<any> | undefined {
    return this.all().find((p) => p.id === id);
  }
}
