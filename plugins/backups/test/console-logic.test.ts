import { describe, expect, it } from 'vitest';
import { confirmationMatches, percentOf, rowsText, sizeText, WIZARD_STEPS } from '../admin/progress-text.ts';

describe('backups console logic', () => {
  it('computes progress, finished empty runs at 100', () => {
    expect(percentOf(0, 0, false)).toBe(0);
    expect(percentOf(0, 0, true)).toBe(100);
    expect(percentOf(333, 1000, false)).toBe(33);
    expect(percentOf(2000, 1000, false)).toBe(100);
    expect(rowsText(1234, 5000)).toBe('1,234 / 5,000 rows');
    expect(sizeText(1536)).toBe('1.5 KB');
    expect(sizeText(5 * 1024 * 1024)).toBe('5.0 MB');
  });

  it('confirms only with the exact slug, and walks four steps', () => {
    expect(confirmationMatches('acme', 'acme')).toBe(true);
    expect(confirmationMatches('ACME', 'acme')).toBe(false);
    expect(confirmationMatches('acme ', 'acme')).toBe(false);
    expect(WIZARD_STEPS).toHaveLength(4);
  });
});
