import { describe, expect, it } from 'vitest';
import { compileContent } from '../src/templates/template-compiler.ts';
import { inlineEmailCss, textFromEmailHtml } from '../src/templates/email-parts.ts';
import { canonicalLanguage, languageFallbacks, pickLanguage } from '../src/templates/template-language.ts';

describe('language fallback chain', () => {
  it('canonicalizes BCP 47 tags and refuses what is not one', () => {
    expect(canonicalLanguage('en-us')).toBe('en-US');
    expect(canonicalLanguage('PT-br')).toBe('pt-BR');
    expect(canonicalLanguage('zh-hant-tw')).toBe('zh-Hant-TW');
    for (const bad of ['', 'english!', 'en_US', 'x', '123', null, 7]) expect(canonicalLanguage(bad), String(bad)).toBeNull();
  });

  it('tries the requested language, its base, the tenant language, its base, then the default', () => {
    expect(languageFallbacks('fr-CA', 'de-AT', 'en')).toEqual(['fr-CA', 'fr', 'de-AT', 'de', 'en']);
    expect(languageFallbacks(undefined, 'de', 'en')).toEqual(['de', 'en']);
    expect(languageFallbacks('en-GB', null, 'en')).toEqual(['en-GB', 'en']);
    expect(languageFallbacks('bad tag!', 'also bad', 'en')).toEqual(['en']);
  });

  it('picks the first language of the chain that has a version, the default when none other has', () => {
    const versions = new Map([['en', 'v-en'], ['fr', 'v-fr']]);
    expect(pickLanguage(languageFallbacks('fr-CA', 'de', 'en'), versions)).toEqual({ language: 'fr', version: 'v-fr' });
    expect(pickLanguage(languageFallbacks('es', 'fr', 'en'), versions)).toEqual({ language: 'fr', version: 'v-fr' });
    expect(pickLanguage(languageFallbacks('es', 'de', 'en'), versions)).toEqual({ language: 'en', version: 'v-en' });
    expect(pickLanguage(['es'], versions)).toBeNull();
  });
});

describe('rendering', () => {
  it('renders variables, conditionals, loops and partials in an SMS without HTML escaping, with its segment count', () => {
    const sms = compileContent('sms', {
      body: '{{> hello}} {{#if urgent}}URGENT: {{/if}}{{#each items}}{{@index}}.{{name}}&{{qty}} {{/each}}',
      partials: { hello: 'Hi {{name}}' },
    });
    const out = sms.render({ name: 'Ada <3', urgent: true, items: [{ name: 'a', qty: 1 }, { name: 'b', qty: 2 }] });
    expect(out).toEqual({ channel: 'sms', body: 'Hi Ada <3 URGENT: 0.a&1 1.b&2 ', segments: expect.objectContaining({ encoding: 'GSM-7', segments: 1 }) });
  });

  it('counts the rendered SMS: one emoji makes it UCS-2', () => {
    const out = compileContent('sms', { body: '{{msg}}' }).render({ msg: 'ok 👍' });
    expect(out.channel === 'sms' && out.segments).toMatchObject({ encoding: 'UCS-2', units: 5, segments: 1 });
  });

  it('refuses a rendered SMS over 1600 characters, naming body', () => {
    expect(() => compileContent('sms', { body: '{{long}}' }).render({ long: 'x'.repeat(1601) })).toThrow(expect.objectContaining({ status: 400, code: 'message_too_long', field: 'body' }));
  });

  it('escapes data in HTML, not in the subject or a written text part, and keeps the subject on one line', () => {
    const email = compileContent('email', { subject: 'Re: {{topic}}\n', html: '<p>{{topic}}</p>', text: 'Topic: {{topic}}' });
    const out = email.render({ topic: 'Tom & Jerry <b>\r\nBcc: x@y' });
    expect(out).toMatchObject({ channel: 'email', subject: 'Re: Tom & Jerry <b> Bcc: x@y', text: 'Topic: Tom & Jerry <b>\r\nBcc: x@y', textGenerated: false });
    expect(out.channel === 'email' && out.html).toContain('Tom &amp; Jerry &lt;b&gt;');
  });

  it('generates the text part from the HTML when the template has none, after inlining CSS', () => {
    const email = compileContent('email', {
      subject: 'Invoice {{number}}',
      html: '<html><head><style>p.total { color: #c00; font-weight: bold } @media (max-width: 600px) { p { font-size: 18px } }</style></head><body><h1>Invoice {{number}}</h1><p class="total">Total: {{total}}</p><a href="{{url}}">Pay now</a></body></html>',
    });
    const out = email.render({ number: 'INV-7', total: '€12.00', url: 'https://pay.example.test/inv-7' });
    if (out.channel !== 'email') throw new Error('not email');
    expect(out.html).toMatch(/<p class="total" style="color: #c00; font-weight: bold;">Total: €12.00<\/p>/);
    expect(out.html).toContain('@media (max-width: 600px)');
    expect(out.textGenerated).toBe(true);
    expect(out.text).toBe('INVOICE INV-7\n\nTotal: €12.00\n\nPay now [https://pay.example.test/inv-7]');
  });

  it('cannot reach prototype properties of the data', () => {
    const out = compileContent('sms', { body: '[{{name.constructor}}][{{name.__proto__}}]' }).render({ name: 'x' });
    expect(out.channel === 'sms' && out.body).toBe('[][]');
  });
});

describe('email parts', () => {
  it('inlines class and tag rules into style attributes and drops the style block', () => {
    const html = inlineEmailCss('<style>.btn { background: #06c; color: #fff } td { padding: 4px }</style><table><tr><td><a class="btn">Go</a></td></tr></table>');
    expect(html).toBe('<table><tr><td style="padding: 4px;"><a class="btn" style="background: #06c; color: #fff;">Go</a></td></tr></table>');
  });

  it('turns HTML into readable text: lists, links, line breaks; no style or script text', () => {
    const text = textFromEmailHtml('<style>p{color:red}</style><script>alert(1)</script><p>Hello<br>World</p><ul><li>One</li><li>Two</li></ul><a href="https://x.test">https://x.test</a>');
    expect(text).toBe('Hello\nWorld\n\n * One\n * Two\n\nhttps://x.test');
  });
});
