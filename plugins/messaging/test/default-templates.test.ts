import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES } from '../src/templates/default-templates.ts';
import { validateDraft } from '../src/templates/template-validation.ts';
import { normalizeVariables } from '../src/templates/template-variables.ts';

describe('default platform templates', () => {
  it.each(DEFAULT_TEMPLATES.map((t) => [`${t.channel}/${t.key}`, t] as const))('%s passes strict mode, declares what it uses and renders its samples', (_, template) => {
    expect(normalizeVariables(template.variables)).toEqual(template.variables.map((v) => ({ ...v, required: v.required ?? true })));
    const result = validateDraft(template.channel, template.variables, template.content);
    expect(result.errors).toEqual([]);
    expect(result.unused).toEqual([]);
    expect(result.preview).not.toBeNull();
    if (result.preview?.channel === 'sms') expect(result.preview.segments.segments).toBe(1);
    if (result.preview?.channel === 'email') {
      expect(result.preview.subject).not.toMatch(/\{\{|\}\}/);
      expect(result.preview.html).not.toContain('<style>');
      expect(result.preview.text.length).toBeGreaterThan(20);
    }
  });
});
