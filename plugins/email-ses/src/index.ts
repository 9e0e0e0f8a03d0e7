import { SESv2Client, SendEmailCommand, GetAccountCommand } from '@aws-sdk/client-sesv2';
import { Secret, Type, type Static } from '@platform/sdk';
import { defineEmailProvider, defineEmailProviderPlugin, formatEmailAddress, ProviderError } from '@platform/sdk/messaging';
import { sesProviderError } from './ses-failure.ts';
import { DEFAULT_SNS_CERTIFICATE_URL_PATTERN } from './sns-signature.ts';
import { snsDeliveryUpdates } from './sns-notification.ts';

const configSchema = Type.Object({
  region: Type.String({ pattern: '^[a-z]{2}(-[a-z]+)+-\\d$', default: 'us-east-1', description: 'AWS region, e.g. eu-west-1' }),
  endpoint: Type.Optional(Type.String({ description: "API endpoint; the region's SES endpoint when absent" })),
  accessKeyId: Type.String({ minLength: 16, description: 'IAM access key id (ses:SendEmail)' }),
  secretAccessKey: Secret(Type.String({ minLength: 1 })),
  fromEmail: Type.String({ pattern: '^[^@\\s]+@[^@\\s]+$', description: 'Default sender address (a verified identity)' }),
  fromName: Type.Optional(Type.String({ description: 'Default sender name' })),
  configurationSetName: Type.Optional(Type.String({ description: 'Configuration set whose event destination publishes to SNS' })),
  snsTopicArn: Type.Optional(Type.String({ description: 'The SNS topic of the events: messages of other topics are refused' })),
  snsCertificateUrlPattern: Type.String({ default: DEFAULT_SNS_CERTIFICATE_URL_PATTERN, description: 'Regular expression the SNS SigningCertURL must match' }),
});

function sesClient(config: Static<typeof configSchema>): SESv2Client {
  return new SESv2Client({
    region: config.region,
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
    // Failover to the next provider is the retry.
    maxAttempts: 1,
  });
}

/** SES tag names and values: ASCII letters, digits, `_` and `-`, at most 256. */
const tagPart = (s: string) => s.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 256);

/**
 * Amazon SES v2 through the AWS SDK: SendEmail with simple content. SES has no idempotency key: a crash between
 * its answer and our database write can send twice. Events come from a configuration set publishing to an SNS
 * topic with an HTTPS subscription to the callback URL; only messages of the configured topic, signed by SNS
 * with a certificate from an allowed URL, are taken.
 */
export const sesProvider = defineEmailProvider({
  id: 'ses',
  name: 'Amazon SES',
  description: 'Sends through Amazon SES v2; delivery, bounce, complaint and open events through SNS',
  configSchema,
  async send(ctx, msg) {
    const { config } = ctx;
    const client = sesClient(config);
    try {
      const answer = await client.send(
        new SendEmailCommand({
          FromEmailAddress: formatEmailAddress(msg.from ?? { email: config.fromEmail, name: config.fromName }, { encodeNonAscii: true }),
          Destination: { ToAddresses: msg.to.map((a) => formatEmailAddress(a, { encodeNonAscii: true })) },
          ...(msg.replyTo ? { ReplyToAddresses: [formatEmailAddress(msg.replyTo, { encodeNonAscii: true })] } : {}),
          Content: {
            Simple: {
              Subject: { Data: msg.subject, Charset: 'UTF-8' },
              Body: { Text: { Data: msg.text, Charset: 'UTF-8' }, ...(msg.html ? { Html: { Data: msg.html, Charset: 'UTF-8' } } : {}) },
              ...(msg.headers ? { Headers: Object.entries(msg.headers).map(([Name, Value]) => ({ Name, Value })) } : {}),
            },
          },
          EmailTags: Object.entries({ ...msg.tags, message_id: msg.id }).map(([name, value]) => ({ Name: tagPart(name), Value: tagPart(value) })),
          ...(config.configurationSetName ? { ConfigurationSetName: config.configurationSetName } : {}),
        }),
        { abortSignal: ctx.signal },
      );
      if (!answer.MessageId) throw new ProviderError('unavailable', 'SES answered without a MessageId');
      return { providerMessageId: answer.MessageId, status: 'sent' };
    } catch (err) {
      throw sesProviderError(err);
    } finally {
      client.destroy();
    }
  },
  async testConnection(ctx) {
    const client = sesClient(ctx.config);
    try {
      const account = await client.send(new GetAccountCommand({}), { abortSignal: ctx.signal });
      if (account.SendingEnabled === false) throw new ProviderError('auth', 'sending is disabled for this SES account');
      const quota = account.SendQuota;
      return { detail: `${account.ProductionAccessEnabled ? 'production' : 'sandbox'} account${quota ? `, ${quota.SentLast24Hours ?? 0}/${quota.Max24HourSend ?? '?'} sent in 24 h` : ''}` };
    } catch (err) {
      throw sesProviderError(err);
    } finally {
      client.destroy();
    }
  },
  parseEvents: (request, ctx) =>
    snsDeliveryUpdates(request, { topicArn: ctx.config.snsTopicArn, certificateUrlPattern: ctx.config.snsCertificateUrlPattern || DEFAULT_SNS_CERTIFICATE_URL_PATTERN }),
});

export default defineEmailProviderPlugin(sesProvider, { version: '0.1.0', kernel: '^0.1.0' });
