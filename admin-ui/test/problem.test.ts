import { describe, expect, it } from 'vitest';
import { HttpError } from 'ra-core';
import { formFieldOf, problemCode, problemMessage, problemToHttpError } from '../src/api/problem.ts';

describe('problem+json → HttpError', () => {
  it('carries the detail as the message react-admin notifies, and the whole problem as body', () => {
    const body = { type: 'about:blank', title: 'Forbidden', status: 403, code: 'tenant_suspended', detail: 'Tenant acme is suspended', requestId: 'r1' };
    const err = problemToHttpError(403, 'Forbidden', body);
    expect(err).toBeInstanceOf(HttpError);
    expect(err.message).toBe('Tenant acme is suspended');
    expect(err.status).toBe(403);
    expect(problemCode(err)).toBe('tenant_suspended');
  });

  it('maps a field error onto the form (body.errors)', () => {
    const err = problemToHttpError(409, 'Conflict', { status: 409, code: 'email_taken', detail: 'A user with this email exists', field: 'email' });
    expect((err.body as { errors: Record<string, unknown> }).errors).toEqual({ email: 'A user with this email exists', root: { serverError: 'A user with this email exists' } });
    expect(formFieldOf('/body/slug')).toBe('slug');
    expect(formFieldOf('body.contactEmail')).toBe('contactEmail');
  });

  it('falls back to title, message, short text and status text', () => {
    expect(problemMessage(400, 'Bad Request', { title: 'Bad thing', code: 'x' })).toBe('Bad thing');
    expect(problemMessage(500, 'Internal Server Error', { message: 'boom' })).toBe('boom');
    expect(problemMessage(502, 'Bad Gateway', 'upstream down')).toBe('upstream down');
    expect(problemMessage(502, 'Bad Gateway', '<html>…</html>')).toBe('Bad Gateway');
    expect(problemMessage(0, '', null)).toBe('The server could not be reached');
    expect(problemMessage(418, '', null)).toBe('Request failed (HTTP 418)');
  });
});
