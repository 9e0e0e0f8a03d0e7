import { describe, expect, it } from 'vitest';
import { problemToHttpError } from '../src/api/problem.ts';
import { shouldRetryQuery } from '../src/api/queryClient.ts';

describe('console query retries', () => {
  it('never retries a 4xx answer: the next try would get the same one', () => {
    for (const status of [400, 401, 403, 404, 409, 422]) expect(shouldRetryQuery(0, problemToHttpError(status, 'x', null)), String(status)).toBe(false);
  });

  it('retries network failures, 5xx, 408 and 429 up to three times', () => {
    for (const error of [problemToHttpError(0, 'Network error', null), problemToHttpError(503, 'x', null), problemToHttpError(408, 'x', null), problemToHttpError(429, 'x', null), new Error('boom')]) {
      expect(shouldRetryQuery(0, error)).toBe(true);
      expect(shouldRetryQuery(2, error)).toBe(true);
      expect(shouldRetryQuery(3, error)).toBe(false);
    }
  });
});
