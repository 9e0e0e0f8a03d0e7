import { describe, expect, it } from 'vitest';
import { deadLetterId, deadLetterPageQuery, totalFromContentRange } from '../src/api/deadLetters.ts';
import { attemptsLabel, attemptsWord, clipText, errorHeadline, prettyPayload } from '../src/kernel/dead-letters/deadLetterDisplay.ts';

describe('dead letters API mapping', () => {
  it('turns react-admin pages into limit/offset, within the route bounds', () => {
    expect(deadLetterPageQuery({ page: 1, perPage: 25 })).toEqual({ limit: 25, offset: 0 });
    expect(deadLetterPageQuery({ page: 3, perPage: 50 })).toEqual({ limit: 50, offset: 100 });
    expect(deadLetterPageQuery(undefined)).toEqual({ limit: 25, offset: 0 });
    expect(deadLetterPageQuery({ page: 0, perPage: 10_000 })).toEqual({ limit: 500, offset: 0 });
  });

  it('reads the total from Content-Range, else falls back', () => {
    expect(totalFromContentRange('dead-letters 0-24/142', 25)).toBe(142);
    expect(totalFromContentRange('dead-letters 10-10/0', 0)).toBe(0);
    expect(totalFromContentRange(null, 7)).toBe(7);
    expect(totalFromContentRange('garbage', 3)).toBe(3);
  });

  it('identifies a delivery by event and subscriber', () => {
    expect(deadLetterId('42', 'mailer.welcome')).toBe('42/mailer.welcome');
  });
});

describe('dead letters display', () => {
  it('shows the first non-blank line of an error or stack', () => {
    expect(errorHeadline('\n  Error: smtp is down\n    at send (mailer.ts:3:9)')).toBe('Error: smtp is down');
    expect(errorHeadline(null)).toBe('');
    expect(errorHeadline('   ')).toBe('');
  });

  it('pretty-prints payloads, null included', () => {
    expect(prettyPayload({ userId: 'u1', tags: ['a'] })).toBe('{\n  "userId": "u1",\n  "tags": [\n    "a"\n  ]\n}');
    expect(prettyPayload(undefined)).toBe('null');
    expect(prettyPayload('text')).toBe('"text"');
  });

  it('labels attempts and clips long text for tooltips', () => {
    expect(attemptsLabel(3, 8)).toBe('3 of 8');
    expect(attemptsWord(1)).toBe('1 fresh attempt');
    expect(attemptsWord(8)).toBe('8 fresh attempts');
    expect(clipText('short', 10)).toBe('short');
    expect(clipText('abcdefghij', 5)).toBe('abcd…');
    expect(clipText('abcdefghij', 5)).toHaveLength(5);
  });
});
