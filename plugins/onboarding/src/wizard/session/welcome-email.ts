import type { PluginContext, TenantInfo } from '@platform/sdk';
import { MESSAGING_SERVICE, type MessageSender } from '@platform/sdk/messaging';

export interface WelcomeEmailOutcome {
  status: 'sent' | 'queued' | 'failed' | 'not_sent';
  to: string | null;
  messageId: string | null;
  error: string | null;
}

/**
 * The welcome email after launch, through messaging (once per tenant: the idempotency key). Never fails the
 * launch: an address missing, messaging not installed or a refused send comes back as the outcome.
 */
export async function sendWelcomeEmail(ctx: PluginContext, tenant: TenantInfo, to: string | null, checklist: { title: string; state: string }[]): Promise<WelcomeEmailOutcome> {
  if (!to) return { status: 'not_sent', to: null, messageId: null, error: 'The admin who launched has no email address' };
  let sender: MessageSender;
  try {
    sender = ctx.resolve<MessageSender>(MESSAGING_SERVICE);
  } catch {
    return { status: 'not_sent', to, messageId: null, error: 'Messaging is not installed' };
  }
  const lines = checklist.map((c) => `- ${c.title}: ${c.state}`);
  try {
    const receipt = await sender.send({
      channel: 'email',
      tenantId: tenant.id,
      to,
      subject: `Welcome aboard, ${tenant.name}: you are live`,
      text: [`${tenant.name} is live.`, '', 'What you set up:', ...lines, '', 'Your console is ready for you and your team.'].join('\n'),
      html: `<p><strong>${escapeHtml(tenant.name)}</strong> is live.</p><p>What you set up:</p><ul>${checklist.map((c) => `<li>${escapeHtml(c.title)}: ${escapeHtml(c.state)}</li>`).join('')}</ul><p>Your console is ready for you and your team.</p>`,
      idempotencyKey: `onboarding-welcome:${tenant.id}`,
      purpose: 'welcome',
    });
    return { status: receipt.status === 'failed' ? 'failed' : receipt.status === 'queued' ? 'queued' : 'sent', to, messageId: receipt.id, error: receipt.error };
  } catch (err) {
    ctx.logger.warn({ err, tenantId: tenant.id }, 'welcome email not sent');
    return { status: 'failed', to, messageId: null, error: (err as Error).message };
  }
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
