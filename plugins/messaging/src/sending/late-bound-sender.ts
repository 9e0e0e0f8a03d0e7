import type { MessageReceipt, MessageSender, SendMessageRequest } from '@platform/sdk/messaging';

/** The MessageSender handed out in `register()`, before the plugin's boot builds the real one. */
export class LateBoundSender implements MessageSender {
  private target: MessageSender | null = null;

  bind(target: MessageSender): void {
    this.target = target;
  }

  send(request: SendMessageRequest): Promise<MessageReceipt> {
    if (!this.target) return Promise.reject(new Error('messaging: the sender is used before the messaging plugin booted'));
    return this.target.send(request);
  }
}
