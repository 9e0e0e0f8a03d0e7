import { describe, expect, it } from 'vitest';
import { normalizeRoute, statusClass } from '../src/requests/route-normalization.ts';

describe('normalizeRoute', () => {
  it('turns UUIDs and numeric ids into :id', () => {
    expect(normalizeRoute('/api/users/3f2b6c1e-9a4d-4e8f-b1c2-0d9e8f7a6b5c/orders/42')).toBe('/api/users/:id/orders/:id');
  });
  it('turns emails (also URL-encoded) into :email', () => {
    expect(normalizeRoute('/api/lookup/jane.doe@example.com')).toBe('/api/lookup/:email');
    expect(normalizeRoute('/api/lookup/jane%40example.com/x')).toBe('/api/lookup/:email/x');
  });
  it('turns long hex ids and opaque tokens into :token', () => {
    expect(normalizeRoute('/api/push/a3f9c2e1b4d5f6a7b8c9')).toBe('/api/push/:token');
    expect(normalizeRoute('/reset/eyJhbGciOiJIUzI1NiJ9abc123XYZ')).toBe('/reset/:token');
  });
  it('keeps words, drops the query string and trailing slash, cuts deep paths', () => {
    expect(normalizeRoute('/api/health/services/?x=1')).toBe('/api/health/services');
    expect(normalizeRoute('/a/b/c/d/e/f/g/h/i/j')).toBe('/a/b/c/d/e/f/g/h/…');
    expect(normalizeRoute('/')).toBe('/');
  });
  it('does not mistake short words with digits for ids', () => {
    expect(normalizeRoute('/api/v2/oauth2/callback')).toBe('/api/v2/oauth2/callback');
  });
});

describe('statusClass', () => {
  it('groups statuses by hundreds', () => {
    expect([200, 204, 301, 404, 500, 503, 42].map(statusClass)).toEqual(['2xx', '2xx', '3xx', '4xx', '5xx', '5xx', 'other']);
  });
});
