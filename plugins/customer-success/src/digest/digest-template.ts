import type { DefaultMessageTemplate } from '@platform/sdk/messaging';

export const DIGEST_TEMPLATE_KEY = 'customer-success.daily_digest';

const STYLE = `<style>
  body { font-family: -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif; color: #1f2937; line-height: 1.5 }
  .card { max-width: 640px; margin: 0 auto; padding: 24px; border: 1px solid #e5e7eb; border-radius: 8px }
  .muted { color: #6b7280; font-size: 13px }
  h2 { font-size: 16px; margin: 20px 0 4px }
</style>`;

/** The daily digest email, seeded into messaging (operators edit it there). */
export const DIGEST_TEMPLATE: DefaultMessageTemplate = {
  key: DIGEST_TEMPLATE_KEY,
  channel: 'email',
  description: 'The daily customer-success digest (09:00 in the recipient\'s time zone)',
  defaultLanguage: 'en',
  variables: [
    { name: 'date', type: 'string', required: true, sample: '2026-03-02' },
    { name: 'consoleUrl', type: 'string', required: true, sample: 'https://console.example.com' },
    {
      name: 'sections',
      type: 'list',
      required: true,
      sample: [{ label: 'Alerts fired', summary: '2 alerts fired in the last 24 hours', status: 'warning', items: [{ label: 'High error rate', value: 'critical' }] }],
    },
  ],
  content: {
    subject: 'Customer success digest for {{date}}',
    html:
      `<html><head>${STYLE}</head><body><div class="card"><h1>Customer success digest</h1><p class="muted">{{date}}</p>` +
      '{{#each sections}}<h2>{{label}} ({{status}})</h2><p>{{summary}}</p>{{#if items}}<ul>{{#each items}}<li>{{label}}{{#if value}}: {{value}}{{/if}}{{#if detail}} ({{detail}}){{/if}}</li>{{/each}}</ul>{{/if}}{{/each}}' +
      '<p class="muted">Open the digest in the console: {{consoleUrl}}/customer-success/digest</p></div></body></html>',
    text:
      'Customer success digest for {{date}}\n{{#each sections}}\n{{label}} ({{status}}): {{summary}}\n{{#each items}}- {{label}}{{#if value}}: {{value}}{{/if}}\n{{/each}}{{/each}}\n{{consoleUrl}}/customer-success/digest\n',
  },
};
