import { ProblemError } from '@platform/sdk';

/** Longest key accepted (S3's own limit is 1,024 bytes). */
export const MAX_BLOB_KEY_LENGTH = 1024;

/** One path segment: letters, digits and `._@=+-`, never starting with a dot (no `.`, `..`, hidden or temp names). */
const SEGMENT = /^[A-Za-z0-9_@=+-][A-Za-z0-9._@=+-]{0,254}$/;

/** Why `key` is not a valid blob key, or null when it is. Keys are relative `/`-separated paths (see `BlobStore`). */
export function blobKeyProblem(key: unknown, opts: { allowPrefix?: boolean } = {}): string | null {
  if (typeof key !== 'string') return 'must be a string';
  if (key === '') return opts.allowPrefix ? null : 'must not be empty';
  if (key.length > MAX_BLOB_KEY_LENGTH) return `must be at most ${MAX_BLOB_KEY_LENGTH} characters`;
  const segments = key.split('/');
  // A listing prefix may end inside a segment or with a slash ("backups/t1/").
  if (opts.allowPrefix && segments.at(-1) === '') segments.pop();
  for (const segment of segments) {
    if (segment === '') return 'must not contain empty segments or a leading slash';
    if (!SEGMENT.test(segment)) return `segment "${segment.slice(0, 40)}" may hold only letters, digits and ._@=+- and must not start with a dot`;
  }
  return null;
}

/** Throws 400 `invalid_blob_key` unless `key` is a valid key (or, with `allowPrefix`, a valid listing prefix). */
export function assertBlobKey(key: unknown, opts: { allowPrefix?: boolean } = {}): asserts key is string {
  const problem = blobKeyProblem(key, opts);
  if (problem) throw new ProblemError(400, 'invalid_blob_key', `Blob key ${problem}`, { field: 'key' });
}
