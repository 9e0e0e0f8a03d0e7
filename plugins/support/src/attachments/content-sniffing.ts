/**
 * What a file is, from its first bytes (magic numbers), never from the name or the client's Content-Type.
 * Only the types support accepts are recognised; anything else is `null` (refused).
 */
export type AttachmentType = 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp' | 'application/pdf' | 'application/zip' | 'application/gzip' | 'text/plain';

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) => signature.every((b, i) => bytes[offset + i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** Text: valid UTF-8 with no NUL and no DEL and no other control bytes than tab, newline, carriage return and form feed. */
function isText(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b === 0x7f || (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

export function sniffContentType(bytes: Uint8Array): AttachmentType | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'image/gif';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  if (startsWith(bytes, ascii('%PDF-'))) return 'application/pdf';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return 'application/zip';
  if (startsWith(bytes, [0x1f, 0x8b])) return 'application/gzip';
  if (bytes.length > 0 && isText(bytes)) return 'text/plain';
  return null;
}

/** Which sniffed type each accepted extension must have: a `.png` that is a PDF (or an executable) is lying. */
export const EXTENSION_TYPES: Readonly<Record<string, AttachmentType>> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  pdf: 'application/pdf',
  zip: 'application/zip',
  gz: 'application/gzip',
  txt: 'text/plain',
  log: 'text/plain',
  csv: 'text/plain',
  md: 'text/plain',
  json: 'text/plain',
};

export type AttachmentVerdict =
  | { ok: true; contentType: AttachmentType }
  | { ok: false; code: 'attachment_type_not_allowed' | 'attachment_type_mismatch'; field: 'filename' | 'file'; detail: string };

/** Whether a file named `filename` with these bytes may be attached, and what it is. */
export function checkAttachment(filename: string, bytes: Uint8Array): AttachmentVerdict {
  const dot = filename.lastIndexOf('.');
  const extension = dot > 0 ? filename.slice(dot + 1).toLowerCase() : '';
  const expected = EXTENSION_TYPES[extension];
  if (!expected)
    return { ok: false, code: 'attachment_type_not_allowed', field: 'filename', detail: `Files ending in "${extension ? `.${extension}` : '(no extension)'}" are not accepted; accepted: ${Object.keys(EXTENSION_TYPES).map((e) => `.${e}`).join(', ')}` };
  const sniffed = sniffContentType(bytes);
  if (!sniffed) return { ok: false, code: 'attachment_type_not_allowed', field: 'file', detail: 'The file is none of the accepted types (images, PDF, text, zip, gzip)' };
  if (sniffed !== expected)
    return { ok: false, code: 'attachment_type_mismatch', field: 'filename', detail: `"${filename}" says ${expected}, but its content is ${sniffed}` };
  return { ok: true, contentType: sniffed };
}

/** A file name safe to store and show: 1 to 255 characters, no path separators or control characters. */
export function filenameProblem(filename: string): string | null {
  if (!filename || filename.length > 255) return 'filename must be 1 to 255 characters';
  if (/[\\/]/.test(filename) || /[\u0000-\u001f\u007f]/.test(filename)) return 'filename must not contain path separators or control characters';
  if (filename === '.' || filename === '..' || !filename.trim()) return 'filename is not a file name';
  return null;
}

/** `Content-Disposition: attachment` with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
export function attachmentDisposition(filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
