import { ProblemError } from '@platform/sdk';
import type { MessageChannel } from '@platform/sdk/messaging';
import type { RenderedMessage, TemplateRenderer } from '../../src/templates/template-renderer.ts';

/**
 * An in-test template set (NOT msg-templates' renderer, which replaces it once its stored templates land):
 * `order-paid` renders the order id from the payload, `tenant-created` the tenant's name; `flaky` fails with a
 * plain error (not a problem: a transient failure) as long as `flakyFailures` is above zero; any other key
 * is a 404 `template_not_found`, as the real renderer answers.
 */
export class InTestTemplates implements TemplateRenderer {
  flakyFailures = 0;

  async render(_tenantId: string | null, key: string, channel: MessageChannel, data: Record<string, unknown>): Promise<RenderedMessage> {
    const payload = (data.payload ?? {}) as Record<string, unknown>;
    const tenant = data.tenant as { name?: string } | null;
    let text: string;
    if (key === 'order-paid') text = `Order ${String(payload.orderId)} is paid`;
    else if (key === 'tenant-created') text = `Welcome, ${tenant?.name ?? 'tenant'}`;
    else if (key === 'flaky') {
      if (this.flakyFailures > 0) {
        this.flakyFailures -= 1;
        throw new Error('template storage is unreachable');
      }
      text = `Flaky ${String(payload.orderId)}`;
    } else throw new ProblemError(404, 'template_not_found', `No template has the key "${key}"`, { field: 'template' });
    return channel === 'sms'
      ? { channel: 'sms', templateVersionId: `${key}@1`, language: 'en', body: text, segments: 1 }
      : { channel: 'email', templateVersionId: `${key}@1`, language: 'en', subject: text, html: null, text };
  }
}
