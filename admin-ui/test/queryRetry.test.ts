import { describe, expect, it } from 'vitest';
import { problemToHttpError } from '../src/api/problem.ts';
import { shouldRetry } from '../src/api/queryClient.ts';

describe('query retries', () => {
  it('never retries a 4xx answer: it would only be refused again, after seconds of back-off', () => {
    for (const status of [400, 401, 403, 404, 409, 422]) expect(shouldRetry(0, problemToHttpError(status, 'x', null))).toBe(false);
  });

  it('retries network errors, 5xx and 429 up to three times', () => {
    for (const status of [0, 500, 503, 429]) expect(shouldRetry(0, problemToHttpError(status, 'x', null))).toBe(true);
    expect(shouldRetry(2, new Error('network'))).toBe(true);
    expect(shouldRetry(3, problemToHttpError(503, 'x', null))).toBe(false);
  });
});
