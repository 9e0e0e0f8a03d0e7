import { ProblemError } from '@platform/sdk';
import type { MessageChannel } from '@platform/sdk/messaging';
import { createMessagingPlugin, type RenderedMessage, type TemplateRenderer } from '@platform/plugin-messaging';

/**
 * Test fixture, loaded by path from a platform process's config: the messaging plugin with one fixed template,
 * `welcome` ("Welcome, <tenant name>"), until stored templates are part of the plugin. Other keys: 404.
 */
const templates: TemplateRenderer = {
  async render(_tenantId: string | null, key: string, channel: MessageChannel, data: Record<string, unknown>): Promise<RenderedMessage> {
    if (key !== 'welcome') throw new ProblemError(404, 'template_not_found', `No template has the key "${key}"`, { field: 'template' });
    const name = (data.tenant as { name?: string } | null)?.name ?? 'tenant';
    const text = `Welcome, ${name}`;
    return channel === 'sms'
      ? { channel: 'sms', templateVersionId: 'welcome@1', language: 'en', body: text, segments: 1 }
      : { channel: 'email', templateVersionId: 'welcome@1', language: 'en', subject: text, html: null, text };
  },
};

export default createMessagingPlugin({ templates: () => templates });
