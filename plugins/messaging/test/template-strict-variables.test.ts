import { describe, expect, it } from 'vitest';
import { checkTemplateContent } from '../src/templates/template-content.ts';
import { collectReferences, parseTemplate } from '../src/templates/template-references.ts';
import { normalizeVariables, resolveTemplateData } from '../src/templates/template-variables.ts';
import { MAX_PART_BYTES, MAX_SMS_BODY_CHARS } from '../src/templates/template-limits.ts';

const refs = (source: string, declared: string[], partials: Record<string, string> = {}) => {
  const parsed = parseTemplate(source);
  if (!parsed.ok) throw new Error(parsed.message);
  const partialAsts = Object.fromEntries(Object.entries(partials).map(([k, v]) => [k, (parseTemplate(v) as { ast: hbs.AST.Program }).ast]));
  return collectReferences('body', parsed.ast, new Set(declared), partialAsts);
};
const unknown = (r: ReturnType<typeof refs>) => r.issues.map((i) => `${i.field}:${i.code}:${i.name}`);

describe('variable extraction on the Handlebars AST', () => {
  it('collects plain variables and dotted paths, and flags an undeclared one by name', () => {
    const r = refs('Hi {{name}}, your order {{order.id}} costs {{order.total}}. {{promo}}', ['name', 'order']);
    expect(r.variables).toEqual(['name', 'order', 'promo']);
    expect(r.paths).toEqual(['name', 'order.id', 'order.total', 'promo']);
    expect(unknown(r)).toEqual(['body:unknown_template_variable:promo']);
  });

  it('checks the conditions of #if / #unless and both of their branches, in the same context', () => {
    const r = refs('{{#if vip}}Dear {{name}}{{else}}Hello {{nickname}}{{/if}}{{#unless paid}}Pay {{amount}}{{/unless}}', ['vip', 'name', 'paid', 'amount']);
    expect(r.variables).toEqual(['vip', 'name', 'nickname', 'paid', 'amount']);
    expect(unknown(r)).toEqual(['body:unknown_template_variable:nickname']);
  });

  it('reads fields of #each items as members of the loop (items[].x), not as top-level variables', () => {
    const r = refs('{{#each items}}{{@index}} {{sku}} x{{qty}} {{this.price}} {{../currency}} {{@root.customer}}{{/each}}', ['items', 'currency', 'customer']);
    expect(r.issues).toEqual([]);
    expect(r.paths).toEqual(['items', 'items[].sku', 'items[].qty', 'items[].price', 'currency', 'customer']);
  });

  it('flags an undeclared variable reached with ../ or @root inside a loop', () => {
    const r = refs('{{#each items}}{{../shop}} {{@root.owner}}{{/each}}', ['items']);
    expect(unknown(r)).toEqual(['body:unknown_template_variable:shop', 'body:unknown_template_variable:owner']);
  });

  it('resolves #each block params (as |item i|) and checks the else branch in the outer context', () => {
    const r = refs('{{#each items as |item i|}}{{i}}:{{item.sku}} {{tax}}{{else}}{{emptyNote}}{{/each}}', ['items', 'emptyNote']);
    expect(r.paths).toContain('items[].sku');
    // `tax` inside the loop is a member of the item: not an error; the else branch is checked at the root.
    expect(r.issues).toEqual([]);
    expect(unknown(refs('{{#each items}}x{{else}}{{nothing}}{{/each}}', ['items']))).toEqual(['body:unknown_template_variable:nothing']);
  });

  it('makes #with change the context, and its block param name the object', () => {
    const r = refs('{{#with address}}{{city}}{{/with}} {{#with invoice as |inv|}}{{inv.number}} {{../due}}{{/with}}', ['address', 'invoice', 'due']);
    expect(r.issues).toEqual([]);
    expect(r.paths).toEqual(['address', 'address.city', 'invoice', 'invoice.number', 'due']);
  });

  it('refuses unknown helpers, block sections on plain variables, unknown data variables and climbing above the root', () => {
    expect(unknown(refs('{{uppercase name}}', ['name']))).toEqual(['body:unknown_helper:uppercase']);
    expect(unknown(refs('{{log name}}', ['name']))).toEqual(['body:unknown_helper:log']);
    expect(unknown(refs('{{#items}}x{{/items}}', ['items']))).toEqual(['body:unsupported_template_syntax:items']);
    expect(unknown(refs('{{@foo}}', []))).toEqual(['body:unknown_template_variable:@foo']);
    expect(unknown(refs('{{../name}}', ['name']))).toEqual(['body:unknown_template_variable:../name']);
    // built-in inline helpers are allowed and their arguments checked
    expect(unknown(refs('{{lookup labels status}}', ['labels']))).toEqual(['body:unknown_template_variable:status']);
  });

  it('walks partials in the caller context, names issues inside them by partial, and knows hash arguments', () => {
    const r = refs('{{> greeting}} {{> signoff team=company}}', ['name', 'company'], { greeting: 'Hi {{name}} {{title}}', signoff: '— {{team}}' });
    expect(r.partials).toEqual(['greeting', 'signoff']);
    expect(unknown(r)).toEqual(['partials.greeting:unknown_template_variable:title']);
    expect(unknown(refs('{{> missing}}', []))).toEqual(['body:unknown_partial:missing']);
    expect(unknown(refs('{{> (whichPartial)}}', []))).toEqual(['body:unsupported_template_syntax:dynamic partial']);
  });

  it('checks a recursive partial once instead of looping', () => {
    const r = refs('{{> node tree}}', ['tree'], { node: '{{label}}{{#each children}}{{> node}}{{/each}}' });
    expect(r.issues).toEqual([]);
  });
});

describe('strict content checks per channel', () => {
  it('names the part of an undeclared variable: body, subject, html, text', () => {
    expect(checkTemplateContent('sms', { body: 'Code {{code}}' }, []).issues).toEqual([expect.objectContaining({ field: 'body', code: 'unknown_template_variable', name: 'code' })]);
    const email = checkTemplateContent('email', { subject: 'Hi {{first}}', html: '<p>{{last}}</p>', text: '{{middle}}' }, ['first']);
    expect(email.issues.map((i) => `${i.field}:${i.name}`)).toEqual(['html:last', 'text:middle']);
  });

  it('reports a Handlebars syntax error with its field and line', () => {
    const [issue] = checkTemplateContent('email', { subject: 'ok', html: '<p>\n{{#if a}}x{{/each}}</p>' }, ['a']).issues;
    expect(issue).toMatchObject({ field: 'html', code: 'template_syntax', line: 2 });
  });

  it('refuses parts a channel does not have and asks for the ones it needs', () => {
    expect(checkTemplateContent('sms', { body: 'x', subject: 's' }, []).issues).toEqual([expect.objectContaining({ field: 'subject', code: 'not_allowed' })]);
    expect(checkTemplateContent('sms', {}, []).issues).toEqual([expect.objectContaining({ field: 'body', code: 'required' })]);
    expect(checkTemplateContent('email', { subject: 's' }, []).issues).toEqual([expect.objectContaining({ field: 'html', code: 'required' })]);
  });

  it('refuses oversized parts naming them: SMS body over 1600 characters, any part over 64 KB', () => {
    expect(checkTemplateContent('sms', { body: 'a'.repeat(MAX_SMS_BODY_CHARS) }, []).issues).toEqual([]);
    expect(checkTemplateContent('sms', { body: 'a'.repeat(MAX_SMS_BODY_CHARS + 1) }, []).issues).toEqual([expect.objectContaining({ field: 'body', code: 'template_too_large' })]);
    const big = '<p>' + 'é'.repeat(MAX_PART_BYTES / 2) + '</p>';
    expect(checkTemplateContent('email', { subject: 's', html: big }, []).issues).toEqual([expect.objectContaining({ field: 'html', code: 'template_too_large' })]);
    expect(checkTemplateContent('email', { subject: 's', html: '{{> f}}', partials: { f: 'x'.repeat(MAX_PART_BYTES + 1) } }, []).issues[0]).toMatchObject({ field: 'partials.f', code: 'template_too_large' });
  });

  it('refuses unescaped output in the HTML part and the partials it includes, not in plain-text parts', () => {
    const issues = checkTemplateContent('email', { subject: '{{{name}}}', html: '<p>{{{name}}}</p>{{> sig}}', text: '{{& name}}', partials: { sig: '{{& name}}' } }, ['name']).issues;
    expect(issues.map((i) => `${i.field}:${i.code}`)).toEqual(['html:unsupported_template_syntax', 'partials.sig:unsupported_template_syntax']);
  });

  it('checks a partial that no part includes, too', () => {
    expect(checkTemplateContent('sms', { body: 'x', partials: { unused: '{{secret}}' } }, []).issues).toEqual([expect.objectContaining({ field: 'partials.unused', name: 'secret' })]);
  });
});

describe('declared variables and render data', () => {
  const vars = normalizeVariables([
    { name: 'name', type: 'string', sample: 'Ada' },
    { name: 'amount', type: 'number', required: false },
    { name: 'items', type: 'list', sample: [] },
  ]);

  it('applies defaults and refuses duplicates and samples of the wrong type, naming the entry', () => {
    expect(vars[0]).toEqual({ name: 'name', type: 'string', required: true, sample: 'Ada' });
    expect(() => normalizeVariables([{ name: 'a', type: 'string' }, { name: 'a', type: 'number' }])).toThrow(expect.objectContaining({ field: 'variables.1.name' }));
    expect(() => normalizeVariables([{ name: 'n', type: 'number', sample: 'ten' }])).toThrow(expect.objectContaining({ field: 'variables.0.sample' }));
    expect(() => normalizeVariables([{ name: '1x', type: 'string' }])).toThrow(expect.objectContaining({ field: 'variables.0.name' }));
  });

  it('refuses missing required data naming data.<name>, wrong types too, and drops undeclared keys', () => {
    expect(() => resolveTemplateData(vars, { items: [] })).toThrow(expect.objectContaining({ status: 400, code: 'missing_template_variable', field: 'data.name' }));
    expect(() => resolveTemplateData(vars, { name: '', items: [] })).toThrow(expect.objectContaining({ field: 'data.name' }));
    expect(() => resolveTemplateData(vars, { name: 'x', items: 'no' })).toThrow(expect.objectContaining({ code: 'invalid_template_variable', field: 'data.items' }));
    expect(resolveTemplateData(vars, { name: 'x', items: [1], extra: 'dropped' })).toEqual({ name: 'x', items: [1] });
  });

  it('fills missing values from samples for a preview', () => {
    expect(resolveTemplateData(vars, {}, true)).toEqual({ name: 'Ada', items: [] });
  });
});
